/* The zoo form as a classic Win32 program (USER32 controls, a MessageBox to confirm).
 *
 *   x86_64-w64-mingw32-gcc -O1 -mwindows -o form.exe form.c
 *   wine form.exe Z:\path\to\run.txt
 *
 * C has no JSON reader, so tests/support/zoo_heavy.py flattens the run file into tab-separated
 * lines (its `win32_lines` says what each holds). Each widget line carries the dump item(s)
 * for that widget as JSON fragments; this program only adds the screen box, read with
 * GetWindowRect, and the values its controls hold.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXW 128
#define MAXV 32

typedef struct {
    char key[128], cls[16], text[128], items[512], dump[1024];
    int x, y, w, h;
    HWND hwnd;
} Widget;

typedef struct {
    char label[128], kind[16], columns[256];
    int required, rows;
} Value;

static Widget widgets[MAXW];
static int nwidgets;
static Value values[MAXV];
static int nvalues;
static char title[256], font_name[64], primary[64], confirm_word[32], cancel_word[32], confirm_title[64];
static char question[256], ready[64], saved_word[64], out_path[MAX_PATH], dump_path[MAX_PATH], cmd_path[MAX_PATH];
static char trap[128];
static int width, height, font_px, saves;
static COLORREF bg = CLR_INVALID, fg = CLR_INVALID;
static HBRUSH bg_brush;
static HWND main_hwnd, status_hwnd;
#define WM_TRAP (WM_APP + 1)

static COLORREF colour(const char *hex) {
    if (hex[0] != '#') return CLR_INVALID;
    unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
    return RGB((v >> 16) & 255, (v >> 8) & 255, v & 255);
}

static char *field_at(char *line, int n) { /* the n-th tab-separated field, in place */
    char *p = line;
    for (int i = 0; i < n && p; i++) {
        p = strchr(p, '\t');
        if (p) p++;
    }
    return p;
}

static void copy_field(char *dst, size_t size, char *line, int n) {
    char *p = field_at(line, n);
    size_t len = 0;
    if (p) {
        char *end = strchr(p, '\t');
        len = end ? (size_t)(end - p) : strlen(p);
    }
    if (len >= size) len = size - 1;
    if (p) memcpy(dst, p, len);
    dst[len] = 0;
}

static int int_field(char *line, int n) {
    char buf[32];
    copy_field(buf, sizeof buf, line, n);
    return atoi(buf);
}

static void load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) ExitProcess(3);
    static char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char tag[16];
        copy_field(tag, sizeof tag, line, 0);
        if (!strcmp(tag, "title")) copy_field(title, sizeof title, line, 1);
        else if (!strcmp(tag, "size")) { width = int_field(line, 1); height = int_field(line, 2); }
        else if (!strcmp(tag, "font")) { copy_field(font_name, sizeof font_name, line, 1); font_px = int_field(line, 2); }
        else if (!strcmp(tag, "theme")) {
            char b[16], c[16];
            copy_field(b, sizeof b, line, 1);
            copy_field(c, sizeof c, line, 2);
            bg = colour(b);
            fg = colour(c);
        } else if (!strcmp(tag, "words")) {
            copy_field(primary, sizeof primary, line, 1);
            copy_field(confirm_word, sizeof confirm_word, line, 2);
            copy_field(cancel_word, sizeof cancel_word, line, 3);
            copy_field(confirm_title, sizeof confirm_title, line, 4);
            copy_field(question, sizeof question, line, 5);
        } else if (!strcmp(tag, "status")) {
            copy_field(ready, sizeof ready, line, 1);
            copy_field(saved_word, sizeof saved_word, line, 2);
        } else if (!strcmp(tag, "paths")) {
            copy_field(out_path, sizeof out_path, line, 1);
            copy_field(dump_path, sizeof dump_path, line, 2);
            copy_field(cmd_path, sizeof cmd_path, line, 3);
        } else if (!strcmp(tag, "w") && nwidgets < MAXW) {
            Widget *w = &widgets[nwidgets++];
            copy_field(w->key, sizeof w->key, line, 1);
            copy_field(w->cls, sizeof w->cls, line, 2);
            copy_field(w->text, sizeof w->text, line, 3);
            w->x = int_field(line, 4);
            w->y = int_field(line, 5);
            w->w = int_field(line, 6);
            w->h = int_field(line, 7);
            copy_field(w->items, sizeof w->items, line, 8);
            copy_field(w->dump, sizeof w->dump, line, 9);
        } else if (!strcmp(tag, "v") && nvalues < MAXV) {
            Value *v = &values[nvalues++];
            copy_field(v->label, sizeof v->label, line, 1);
            copy_field(v->kind, sizeof v->kind, line, 2);
            v->required = int_field(line, 3);
            v->rows = int_field(line, 4);
            copy_field(v->columns, sizeof v->columns, line, 5);
        }
    }
    fclose(f);
}

static Widget *find(const char *key) {
    for (int i = 0; i < nwidgets; i++)
        if (!strcmp(widgets[i].key, key)) return &widgets[i];
    return NULL;
}

static void put_json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c == '\n') fputs("\\n", f);
        else if (c == '\r') continue;
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void text_of(HWND h, char *buf, int size) { GetWindowTextA(h, buf, size); }

static void field_text(Value *v, char *buf, int size) {
    char key[160];
    snprintf(key, sizeof key, "field:%s", v->label);
    Widget *w = find(key);
    buf[0] = 0;
    if (!w) return;
    if (!strcmp(v->kind, "combo")) {
        int i = (int)SendMessageA(w->hwnd, CB_GETCURSEL, 0, 0);
        if (i >= 0) SendMessageA(w->hwnd, CB_GETLBTEXT, i, (LPARAM)buf);
    } else {
        text_of(w->hwnd, buf, size);
    }
}

static int checked(Value *v) {
    char key[160];
    snprintf(key, sizeof key, "field:%s", v->label);
    Widget *w = find(key);
    return w && SendMessageA(w->hwnd, BM_GETCHECK, 0, 0) == BST_CHECKED;
}

/* values as JSON; only_filled_rows: the output keeps grid rows that hold something */
static void write_values(FILE *f, int only_filled_rows) {
    static char buf[4096];
    fputc('{', f);
    for (int i = 0; i < nvalues; i++) {
        Value *v = &values[i];
        if (i) fputs(", ", f);
        put_json_string(f, v->label);
        fputs(": ", f);
        if (!strcmp(v->kind, "check")) {
            fputs(checked(v) ? "true" : "false", f);
        } else if (!strcmp(v->kind, "grid")) {
            fputc('[', f);
            int first_row = 1;
            for (int r = 0; r < v->rows; r++) {
                char cols[256];
                strcpy(cols, v->columns);
                int any = 0;
                for (char *c = strtok(cols, "|"); c; c = strtok(NULL, "|")) {
                    char key[300];
                    snprintf(key, sizeof key, "cell:%s:%s:%d", v->label, c, r);
                    Widget *w = find(key);
                    text_of(w->hwnd, buf, sizeof buf);
                    if (buf[strspn(buf, " ")]) any = 1;
                }
                if (only_filled_rows && !any) continue;
                if (!first_row) fputs(", ", f);
                first_row = 0;
                fputc('{', f);
                strcpy(cols, v->columns);
                int first = 1;
                for (char *c = strtok(cols, "|"); c; c = strtok(NULL, "|")) {
                    char key[300];
                    snprintf(key, sizeof key, "cell:%s:%s:%d", v->label, c, r);
                    text_of(find(key)->hwnd, buf, sizeof buf);
                    if (!first) fputs(", ", f);
                    first = 0;
                    put_json_string(f, c);
                    fputs(": ", f);
                    put_json_string(f, buf);
                }
                fputc('}', f);
            }
            fputc(']', f);
        } else {
            field_text(v, buf, sizeof buf);
            put_json_string(f, buf);
        }
    }
    fputc('}', f);
}

static void atomic_write(const char *path, void (*body)(FILE *)) {
    char tmp[MAX_PATH + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return;
    body(f);
    fclose(f);
    MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING);
}

static void dump_body(FILE *f) {
    char status[256];
    text_of(status_hwnd, status, sizeof status);
    fputs("{\"toolkit\": \"win32\", \"title\": ", f);
    put_json_string(f, title);
    fputs(", \"items\": [", f);
    int first = 1;
    for (int i = 0; i < nwidgets; i++) {
        Widget *w = &widgets[i];
        RECT r;
        if (!w->dump[0] || !IsWindowVisible(w->hwnd) || !GetWindowRect(w->hwnd, &r)) continue;
        char frags[1024];
        strcpy(frags, w->dump);
        for (char *frag = strtok(frags, "\x1f"); frag; frag = strtok(NULL, "\x1f")) {
            size_t n = strlen(frag);
            if (n < 2) continue;
            if (!first) fputs(", ", f);
            first = 0;
            fwrite(frag, 1, n - 1, f); /* without the closing brace */
            if (!strcmp(w->cls, "status")) {
                fputs(", \"text\": ", f);
                put_json_string(f, status);
            }
            fprintf(f, ", \"box\": [%ld, %ld, %ld, %ld]}", r.left, r.top, r.right - r.left, r.bottom - r.top);
        }
    }
    fputs("], \"values\": ", f);
    write_values(f, 0);
    fputs(", \"status\": ", f);
    put_json_string(f, status);
    fputs("}", f);
}

static void output_body(FILE *f) { write_values(f, 1); }

static void write_dump(void) { atomic_write(dump_path, dump_body); }

static int problem(char *why, int size) {
    static char buf[4096];
    for (int i = 0; i < nvalues; i++) {
        Value *v = &values[i];
        if (!strcmp(v->kind, "check") || !strcmp(v->kind, "grid")) continue;
        field_text(v, buf, sizeof buf);
        char *t = buf + strspn(buf, " ");
        if (v->required && !*t) {
            snprintf(why, size, "%s is required", v->label);
            return 1;
        }
        if (!strcmp(v->kind, "number") && *t) {
            char *end;
            strtod(t, &end);
            if (*(end + strspn(end, " "))) {
                snprintf(why, size, "%s must be a number", v->label);
                return 1;
            }
        }
    }
    return 0;
}

static void close_dialogs(void) {
    HWND d;
    while ((d = FindWindowA("#32770", confirm_title)) != NULL) {
        EndDialog(d, IDCANCEL);
        SendMessageA(d, WM_COMMAND, IDCANCEL, 0);
        SendMessageA(d, WM_COMMAND, IDNO, 0);
        if (FindWindowA("#32770", confirm_title) == d) break;
    }
}

static void reset(void) {
    close_dialogs();
    trap[0] = 0;
    for (int i = 0; i < nwidgets; i++) {
        Widget *w = &widgets[i];
        if (!strcmp(w->cls, "edit") || !strcmp(w->cls, "note") || !strcmp(w->cls, "cell")) SetWindowTextA(w->hwnd, "");
        else if (!strcmp(w->cls, "combo")) SendMessageA(w->hwnd, CB_SETCURSEL, (WPARAM)-1, 0);
        else if (!strcmp(w->cls, "check")) SendMessageA(w->hwnd, BM_SETCHECK, BST_UNCHECKED, 0);
    }
    SetWindowTextA(status_hwnd, ready);
    SetFocus(main_hwnd);
}

static void poll(void) {
    FILE *f = fopen(cmd_path, "rb");
    if (!f) return;
    char command[256] = {0};
    fgets(command, sizeof command, f);
    fclose(f);
    command[strcspn(command, "\r\n")] = 0;
    if (!strcmp(command, "reset")) reset();
    if (!strncmp(command, "trap ", 5)) snprintf(trap, sizeof trap, "%s", command + 5);
    write_dump();
    DeleteFileA(cmd_path);
}

static void submit(void) {
    char why[256];
    if (problem(why, sizeof why)) {
        SetWindowTextA(status_hwnd, why);
        write_dump();
        return;
    }
    UINT style = (!strcmp(confirm_word, "OK") ? MB_OKCANCEL : MB_YESNO) | MB_ICONQUESTION;
    int answer = MessageBoxA(main_hwnd, question, confirm_title, style);
    if (answer == IDOK || answer == IDYES) {
        saves++;
        atomic_write(out_path, output_body);
        char status[128];
        snprintf(status, sizeof status, "%s entry %d", saved_word, saves);
        SetWindowTextA(status_hwnd, status);
    }
    write_dump();
}

static HWND next_text_after(const char *label) {
    int n = 0, at = -1;
    Value *texts[MAXV];
    for (int i = 0; i < nvalues; i++) {
        Value *v = &values[i];
        if (!strcmp(v->kind, "text") || !strcmp(v->kind, "number") || !strcmp(v->kind, "date")) {
            if (!strcmp(v->label, label)) at = n;
            texts[n++] = v;
        }
    }
    if (at < 0 || n < 2) return NULL;
    char key[160];
    snprintf(key, sizeof key, "field:%s", texts[(at + 1) % n]->label);
    Widget *w = find(key);
    return w ? w->hwnd : NULL;
}

static LRESULT CALLBACK proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp) {
    switch (msg) {
    case WM_COMMAND:
        if (LOWORD(wp) == 1 && HIWORD(wp) == BN_CLICKED) submit();
        if (HIWORD(wp) == EN_SETFOCUS && trap[0]) {
            char key[160];
            snprintf(key, sizeof key, "field:%s", trap);
            Widget *w = find(key);
            if (w && w->hwnd == (HWND)lp) PostMessageA(hwnd, WM_TRAP, 0, 0);
        }
        return 0;
    case WM_TRAP: {
        HWND next = next_text_after(trap);
        if (next) SetFocus(next);
        return 0;
    }
    case WM_TIMER:
        poll();
        return 0;
    case WM_CTLCOLORSTATIC:
        if (bg != CLR_INVALID) {
            SetBkColor((HDC)wp, bg);
            SetTextColor((HDC)wp, fg);
            return (LRESULT)bg_brush;
        }
        break;
    case WM_DESTROY:
        PostQuitMessage(0);
        return 0;
    }
    return DefWindowProcA(hwnd, msg, wp, lp);
}

int WINAPI WinMain(HINSTANCE inst, HINSTANCE prev, LPSTR cmdline, int show) {
    (void)prev;
    (void)cmdline;
    if (__argc < 2) return 2;
    load(__argv[1]);
    bg_brush = bg != CLR_INVALID ? CreateSolidBrush(bg) : GetSysColorBrush(COLOR_BTNFACE);
    WNDCLASSA wc = {0};
    wc.lpfnWndProc = proc;
    wc.hInstance = inst;
    wc.hCursor = LoadCursor(NULL, IDC_ARROW);
    wc.hbrBackground = bg_brush;
    wc.lpszClassName = "ZooForm";
    RegisterClassA(&wc);
    RECT r = {0, 0, width, height};
    DWORD style = WS_OVERLAPPEDWINDOW & ~WS_MAXIMIZEBOX & ~WS_THICKFRAME;
    AdjustWindowRect(&r, style, FALSE);
    main_hwnd = CreateWindowExA(0, "ZooForm", title, style, 40, 40, r.right - r.left, r.bottom - r.top, NULL, NULL,
                                inst, NULL);
    HFONT font = CreateFontA(-font_px, 0, 0, 0, FW_NORMAL, 0, 0, 0, DEFAULT_CHARSET, 0, 0, CLEARTYPE_QUALITY, 0,
                             font_name);
    for (int i = 0; i < nwidgets; i++) {
        Widget *w = &widgets[i];
        const char *cls = "STATIC";
        DWORD s = WS_CHILD | WS_VISIBLE, ex = 0;
        int id = 100 + i, h = w->h;
        if (!strcmp(w->cls, "edit") || !strcmp(w->cls, "cell")) {
            cls = "EDIT";
            s |= WS_TABSTOP | ES_AUTOHSCROLL;
            ex = WS_EX_CLIENTEDGE;
        } else if (!strcmp(w->cls, "note")) {
            cls = "EDIT";
            s |= WS_TABSTOP | ES_MULTILINE | ES_AUTOVSCROLL | ES_WANTRETURN | WS_VSCROLL;
            ex = WS_EX_CLIENTEDGE;
        } else if (!strcmp(w->cls, "combo")) {
            cls = "COMBOBOX";
            s |= WS_TABSTOP | CBS_DROPDOWNLIST | WS_VSCROLL;
            h = w->h * 6;
        } else if (!strcmp(w->cls, "check")) {
            cls = "BUTTON";
            s |= WS_TABSTOP | BS_AUTOCHECKBOX;
        } else if (!strcmp(w->cls, "button")) {
            cls = "BUTTON";
            s |= WS_TABSTOP | BS_PUSHBUTTON;
            id = 1;
        } else {
            s |= SS_LEFT | SS_CENTERIMAGE;
        }
        w->hwnd = CreateWindowExA(ex, cls, w->text, s, w->x, w->y, w->w, h, main_hwnd, (HMENU)(INT_PTR)id, inst, NULL);
        SendMessageA(w->hwnd, WM_SETFONT, (WPARAM)font, TRUE);
        if (!strcmp(w->cls, "combo")) {
            char items[512];
            strcpy(items, w->items);
            for (char *it = strtok(items, "|"); it; it = strtok(NULL, "|")) SendMessageA(w->hwnd, CB_ADDSTRING, 0, (LPARAM)it);
            SendMessageA(w->hwnd, CB_SETITEMHEIGHT, (WPARAM)-1, w->h - 6);
        }
        if (!strcmp(w->cls, "status")) status_hwnd = w->hwnd;
    }
    ShowWindow(main_hwnd, show);
    UpdateWindow(main_hwnd);
    SetFocus(main_hwnd);
    write_dump();
    SetTimer(main_hwnd, 1, 100, NULL);
    MSG msg;
    while (GetMessageA(&msg, NULL, 0, 0) > 0) {
        if (!IsDialogMessageA(main_hwnd, &msg)) {
            TranslateMessage(&msg);
            DispatchMessageA(&msg);
        }
    }
    return 0;
}
