"""A payment voucher form in Qt (PySide6), laid out unlike the Tk client, for end-to-end tests.

Labels sit above their fields, the list is called "Kind" and holds other words, the
primary button says "Post" and sits right of "Cancel", and posting asks a question in
a message box. ``--chinese`` shows the same form in Chinese. Every posted voucher is
a JSON line in ``--out``: the tests read the application's own output. With
``--required payee,amount`` posting with one of those empty shows a warning naming
the field ("Payee is required.") and posts nothing.

    python voucher_form.py --out vouchers.jsonl [--chinese] [--geometry X,Y] [--required KEYS]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

WORDS = {
    "en": {
        "title": "Payment Voucher",
        "fields": ["Payee", "Amount", "Purpose"],
        "kind": "Kind",
        "kinds": ["Business meals", "Hotel", "Taxi", "Office"],
        "post": "Post",
        "cancel": "Cancel",
        "ask": "Post this voucher?",
        "confirm": "Confirm posting",
        "yes": "Yes",
        "no": "No",
        "ready": "Nothing posted yet",
        "posted": "Posted voucher {n}",
        "warning": "Missing value",
        "required": "{field} is required.",
    },
    "zh": {
        "title": "付款凭证",
        "fields": ["收款人", "金额", "用途"],
        "kind": "类别",
        "kinds": ["餐饮", "住宿", "交通", "办公"],
        "post": "提交",
        "cancel": "取消",
        "ask": "确认提交这张凭证吗？",
        "confirm": "确认",
        "yes": "是",
        "no": "否",
        "ready": "尚未提交",
        "posted": "已提交凭证 {n}",
        "warning": "缺少内容",
        "required": "{field} 不能为空。",
    },
}
KEYS = ["payee", "amount", "purpose"]


class Voucher(QWidget):
    def __init__(self, out: Path, words: dict, required: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.out, self.words, self.posted, self.required = out, words, 0, required
        self.setWindowTitle(words["title"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        self.entries: dict[str, QLineEdit] = {}
        for key, name in zip(KEYS, words["fields"], strict=True):
            layout.addWidget(QLabel(name))  # above its field
            entry = QLineEdit()
            entry.setMinimumWidth(260)
            layout.addWidget(entry)
            self.entries[key] = entry
        layout.addWidget(QLabel(words["kind"]))
        self.kind = QComboBox()
        self.kind.addItems(["", *words["kinds"]])
        layout.addWidget(self.kind)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(words["cancel"])
        cancel.clicked.connect(self.clear)
        post = QPushButton(words["post"])
        post.setDefault(True)
        post.clicked.connect(self.ask)
        row.addWidget(cancel)
        row.addWidget(post)
        layout.addLayout(row)
        self.status = QLabel(words["ready"])
        layout.addWidget(self.status)

    def record(self) -> dict[str, str]:
        return {key: entry.text() for key, entry in self.entries.items()} | {"kind": self.kind.currentText()}

    def ask(self) -> None:
        for key, name in zip(KEYS, self.words["fields"], strict=True):
            if key in self.required and not self.entries[key].text().strip():
                QMessageBox.warning(self, self.words["warning"], self.words["required"].format(field=name))
                return
        box = QMessageBox(QMessageBox.Icon.Question, self.words["confirm"], self.words["ask"], parent=self)
        yes = box.addButton(self.words["yes"], QMessageBox.ButtonRole.YesRole)
        box.addButton(self.words["no"], QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)  # Return answers yes
        box.exec()
        if box.clickedButton() is yes:
            self.posted += 1
            with self.out.open("a", encoding="utf-8") as f:
                f.write(json.dumps(self.record(), ensure_ascii=False) + "\n")
            self.status.setText(self.words["posted"].format(n=self.posted))
            self.clear()

    def clear(self) -> None:
        for entry in self.entries.values():
            entry.clear()
        self.kind.setCurrentIndex(0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--chinese", action="store_true")
    parser.add_argument("--geometry", default="80,60")
    parser.add_argument("--required", default="", help="comma-separated keys that must not be empty")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    required = tuple(k for k in args.required.split(",") if k)
    form = Voucher(args.out, WORDS["zh" if args.chinese else "en"], required)
    x, y = (int(v) for v in args.geometry.split(","))
    form.move(x, y)
    form.show()
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
