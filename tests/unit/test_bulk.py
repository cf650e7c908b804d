"""Bulk runs: reading CSV and .xlsx rows, matching columns to parameters, and running row after row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest
from openpyxl import Workbook

from automation.errors import Aborted, ActionFailed, NeedsAnswer, TargetNotFound
from automation.skill_card import SkillParam
from automation.skills.bulk import BulkResult, RowResult, committing_steps, plan, run_rows, uncovered
from automation.skills.model import Anchor, ClickStep, KeyStep, Skill, TypeStep, WindowMatch
from automation.skills.replay import StepFailed
from automation.skills.table import Table, TableError, cell_text, read_table

FORM = WindowMatch("Tk", "Legacy Expense System")
SKILL = Skill(
    "file-expense",
    params=(
        SkillParam("employee", "Employee in 'Legacy Expense System'", "Zhang San"),
        SkillParam("unit_price", "Unit Price in 'Legacy Expense System'", "42.50"),
        SkillParam("pin", "PIN in 'Legacy Expense System'", secret=True),
    ),
    steps=(
        TypeStep("{employee}", Anchor(FORM, "Employee", field=True), FORM),
        TypeStep("{unit_price}", Anchor(FORM, "Unit Price", field=True), FORM),
        TypeStep("{pin}", Anchor(FORM, "PIN", field=True), FORM),
        ClickStep(Anchor(FORM, "Submit"), expect="Submit this claim?"),
        ClickStep(Anchor(WindowMatch("Tk", "Confirm"), "Yes")),
        KeyStep("ctrl+s", FORM),
        ClickStep(Anchor(FORM, "Clear")),
    ),
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- reading the rows file -------------------------------------------------------------


def test_a_csv_keeps_its_line_numbers_and_leaves_out_blank_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "rows.csv", "\ufeffEmployee,Unit Price\r\nLi Si, 12.00 \r\n,\r\n\r\nWang Wu\r\n")
    table = read_table(path)
    assert table.columns == ("Employee", "Unit Price")
    assert [(r.line, r.cells) for r in table.rows] == [(2, ("Li Si", "12.00")), (5, ("Wang Wu", ""))]


def test_a_semicolon_csv_from_a_comma_decimal_excel_is_read(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "rows.csv", 'Employee;Unit Price\n"Li; Si";12,50\n'))
    assert table.rows[0].cells == ("Li; Si", "12,50")


@pytest.mark.parametrize(
    ("name", "text", "encoding", "reason"),
    [
        ("rows.csv", "Employee\nMüller\n", "latin-1", "not UTF-8 text"),
        ("rows.csv", "Employee,Unit Price\nLi Si,1,234.50\n", "utf-8", "line 2 has 3 or more cells, the header 2"),
        ("rows.csv", "\n\n", "utf-8", "is empty"),
        ("rows.xls", "whatever", "utf-8", "old Excel file"),
        ("rows.ods", "whatever", "utf-8", "rows come from a .csv or .xlsx file"),
        ("rows.xlsx", "not a zip", "utf-8", "cannot be read as an .xlsx workbook"),
    ],
)
def test_files_that_cannot_be_used_are_refused_with_why(
    tmp_path: Path, name: str, text: str, encoding: str, reason: str
) -> None:
    with pytest.raises(TableError, match=reason) as err:
        read_table(write(tmp_path, name, text, encoding))
    assert err.value.exit_code == 2 and err.value.fix


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no rows file"):
        read_table(tmp_path / "nowhere.csv")


def test_an_xlsx_sheet_reads_as_its_cells_show(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Employee", "Unit Price", "Date", "Count", None])
    sheet.append(["Li Si", 42.5, dt.datetime(2024, 3, 15), 3])
    sheet.append([])  # a blank row in the middle
    sheet.append(["Wang Wu", 7.0, dt.date(2024, 3, 16), 2.0])
    sheet["B2"].number_format = "0.00"
    sheet["B4"].number_format = "#,##0.00"
    sheet["E2"] = "=B2*D2"  # a formula openpyxl cannot compute: no cached value, an empty cell
    path = tmp_path / "rows.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.columns == ("Employee", "Unit Price", "Date", "Count")
    assert [(r.line, r.cells) for r in table.rows] == [
        (2, ("Li Si", "42.50", "2024-03-15", "3")),
        (4, ("Wang Wu", "7.00", "2024-03-16", "2")),
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (None, "General", ""),
        (42.5, "General", "42.5"),
        (42.5, "0.00", "42.50"),
        (1234.5, "#,##0.000", "1234.500"),
        (3.0, "General", "3"),
        (0.1 + 0.2, "General", "0.3"),
        (7, "General", "7"),
        (7, "0.00", "7.00"),
        (True, "General", "TRUE"),
        (dt.datetime(2024, 3, 15, 9, 30), "General", "2024-03-15 09:30:00"),
        (dt.time(9, 30), "h:mm", "09:30:00"),
        ("  kept as typed ", "@", "  kept as typed "),
    ],
)
def test_cell_text(value: object, number_format: str, text: str) -> None:
    assert cell_text(value, number_format) == text


# --- matching columns and planning rows ------------------------------------------------


def table(columns: tuple[str, ...], *rows: tuple[str, ...]) -> Table:
    from automation.skills.table import Row

    return Table(Path("claims.csv"), columns, tuple(Row(n + 2, r) for n, r in enumerate(rows)))


def test_columns_match_parameters_whatever_their_case_and_spaces() -> None:
    rows = table(("EMPLOYEE", " Unit  Price ", "PIN", "Notes"), ("Li Si", "12.00", "2468", "lunch"))
    made = plan(SKILL, rows, {})
    assert made.columns == {"EMPLOYEE": "employee", " Unit  Price ": "unit_price", "PIN": "pin"}
    assert made.unknown == ("Notes",)
    assert made.rows[0].values == {"employee": "Li Si", "unit_price": "12.00", "pin": "2468"}


def test_a_default_fills_a_missing_column_and_empty_cells_but_not_given_ones() -> None:
    rows = table(("Employee", "Unit Price"), ("Li Si", ""), ("Wang Wu", "3.00"))
    made = plan(SKILL, rows, {"unit_price": "1.00", "pin": "2468", "employee": "nobody"})
    assert [r.values for r in made.rows] == [
        {"employee": "Li Si", "unit_price": "1.00", "pin": "2468"},
        {"employee": "Wang Wu", "unit_price": "3.00", "pin": "2468"},
    ]


def test_a_parameter_with_no_column_and_no_default_is_refused_by_name() -> None:
    rows = table(("Employee", "Unit Price"), ("Li Si", "1.00"))
    assert [p.name for p in uncovered(SKILL, rows, {})] == ["pin"]
    with pytest.raises(NeedsAnswer, match=r"no column for pin \(PIN in 'Legacy Expense System'\)") as err:
        plan(SKILL, rows, {})
    assert err.value.exit_code == 3 and "--set pin=..." in err.value.fix


def test_empty_cells_without_a_default_are_refused_by_line_before_any_row_runs() -> None:
    rows = table(("Employee", "Unit Price", "PIN"), ("Li Si", "1.00", "1"), ("", "2.00", "1"), ("Wu", "", ""))
    with pytest.raises(NeedsAnswer, match=r"line 3 \(employee\); line 4 \(unit_price, pin\)"):
        plan(SKILL, rows, {})


def test_two_columns_for_one_parameter_are_refused() -> None:
    with pytest.raises(TableError, match=r"'Unit Price' and 'unit_price' .* both the parameter 'unit_price'"):
        plan(SKILL, table(("Unit Price", "unit_price"), ("1", "2")), {"employee": "x", "pin": "1"})


def test_a_header_without_rows_is_refused() -> None:
    with pytest.raises(TableError, match="no rows"):
        plan(SKILL, table(("Employee",)), {"unit_price": "1", "pin": "1"})


def test_the_committing_steps_are_named_for_the_one_question() -> None:
    assert committing_steps(SKILL) == ["click 'Submit'", "click 'Yes'", "press ctrl+s"]


# --- running the rows ------------------------------------------------------------------

ROWS = table(
    ("Employee", "Unit Price", "PIN"),
    ("Li Si", "1.00", "1111"),
    ("Wang Wu", "oops", "2222"),
    ("Zhao Liu", "3.00", "3333"),
)


class Replays:
    """Replays rows; a row whose price is not a number fails at Submit, like the real client."""

    def __init__(self, shot: Path, fails: BaseException | None = None) -> None:
        self.shot = shot
        self.fails = fails
        self.ran: list[dict[str, str]] = []

    def __call__(self, values: Mapping[str, str]) -> int:
        self.ran.append(dict(values))
        if values["unit_price"] == "oops":
            if self.fails is not None:
                raise self.fails
            cause = ActionFailed(f"typed {values['pin']} and 'Submit this claim?' never came")
            raise StepFailed(4, 5, "click 'Submit' in 'Legacy Expense System'", cause, self.shot)
        return 0


def test_stop_skips_the_rows_after_a_failure(tmp_path: Path) -> None:
    replay = Replays(tmp_path / "shot.png")
    seen: list[tuple[RowResult, BulkResult]] = []
    result = run_rows(plan(SKILL, ROWS, {}), replay, "stop", lambda row, so_far: seen.append((row, so_far)))
    assert [r.status for r in result.rows] == ["done", "failed", "skipped"]
    assert [r["employee"] for r in replay.ran] == ["Li Si", "Wang Wu"]
    assert result.stopped == "row 2 (line 3) failed, and --on-error is stop"
    failed = result.rows[1]
    assert failed.screenshot == str(tmp_path / "shot.png") and failed.exit_code == 1
    assert "2222" not in failed.error and "typed <secret> and" in failed.error  # the row's PIN is redacted
    assert [(row.n, so_far.count("done"), so_far.count("failed")) for row, so_far in seen] == [(1, 1, 0), (2, 1, 1)]
    assert result.interrupted is None


def test_continue_tries_and_reports_each_later_row(tmp_path: Path) -> None:
    replay = Replays(tmp_path / "shot.png")
    result = run_rows(plan(SKILL, ROWS, {}), replay, "continue")
    assert [(r.n, r.line, r.status) for r in result.rows] == [(1, 2, "done"), (2, 3, "failed"), (3, 4, "done")]
    assert (result.count("done"), result.count("failed"), result.count("skipped")) == (2, 1, 0)
    assert result.stopped == ""


def test_a_failure_without_a_screenshot_is_reported_without_one(tmp_path: Path) -> None:
    replay = Replays(tmp_path / "shot.png", TargetNotFound("Submit", ["Sub mit"]))
    result = run_rows(plan(SKILL, ROWS, {}), replay, "continue")
    assert result.rows[1].screenshot is None and result.rows[1].exit_code == 4


@pytest.mark.parametrize("stop", [Aborted("the fail-safe corner"), KeyboardInterrupt()])
def test_the_user_stopping_ends_the_run_even_with_continue(tmp_path: Path, stop: BaseException) -> None:
    result = run_rows(plan(SKILL, ROWS, {}), Replays(tmp_path / "shot.png", stop), "continue")
    assert [r.status for r in result.rows] == ["done", "failed", "skipped"]
    assert result.interrupted is stop and result.rows[1].exit_code == 130


# --- the command, up to the first row (no screen needed) -------------------------------


@pytest.fixture
def stored() -> None:
    from app.services.paths import data_dir
    from automation.skills.store import SkillStore
    from tests.support.sample_skills import skill

    with SkillStore(data_dir() / "skills.db") as store:
        store.save(skill())  # parameters amount and pin; presses ctrl+s and clicks Submit


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["--on-error", "continue"], 2, "--on-error goes with --rows"),
        (["--rows", "{tmp}/nowhere.csv"], 2, "no rows file"),
        (["--rows", "{tmp}/rows.csv", "--set", "colour=red"], 2, "has no parameter colour"),
        (["--rows", "{tmp}/rows.csv"], 3, "rows.csv has no column for pin"),
        (
            ["--rows", "{tmp}/rows.csv", "--set", "pin=1"],
            3,
            "run 'file-expense' on 2 rows, doing press ctrl+s, click 'Submit' on each without asking?",
        ),
    ],
)
def test_the_command_refuses_before_the_first_row(
    stored: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, said: str
) -> None:
    from app.main import main

    (tmp_path / "rows.csv").write_text("Amount,Colour\n1.00,red\n2.00,blue\n")
    assert main(["replay", "file-expense", *(a.format(tmp=tmp_path) for a in argv)]) == code
    assert said in capsys.readouterr().err
