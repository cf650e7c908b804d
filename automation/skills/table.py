"""A spreadsheet of values for a bulk replay: a CSV or .xlsx file read into a header and rows of text.

Only reading: an .xlsx workbook is opened read-only with cached formula results
(``data_only``), never saved. Cells become the text a person sees in them: numbers
with the decimals their format shows ("0.00" keeps 42.50), whole numbers without
".0", dates as ISO dates. Rows with no text at all (the blank rows spreadsheets
trail) are left out; the others keep their line in the file, to be named in reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from automation.errors import DeskhandError, ExitCode

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = ",;\t"  # Excel writes ";" where the decimal mark is a comma
MAX_XLSX_BYTES = 50 * 1024 * 1024  # a rows workbook of 100,000 rows is a few MB
MAX_ROWS = 100_000


class TableError(DeskhandError):
    """The rows file cannot be used as it is: a usage error (exit 2), nothing was run."""

    exit_code: int = ExitCode.USAGE


@dataclass(frozen=True)
class Row:
    line: int  # the CSV line or the worksheet row, as the user's editor numbers it
    cells: tuple[str, ...]  # one per column of the header


@dataclass(frozen=True)
class Table:
    path: Path
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise TableError(f"no rows file {path}", "give the path of a .csv or .xlsx file")
    suffix = path.suffix.casefold()
    if suffix in CSV_SUFFIXES:
        lines = read_csv(path)
    elif suffix in XLSX_SUFFIXES:
        lines = read_xlsx(path)
    elif suffix == ".xls":
        raise TableError(f"{path.name} is an old Excel file (.xls)", "save it as .xlsx or as CSV UTF-8")
    else:
        raise TableError(f"{path.name}: rows come from a .csv or .xlsx file", "save the sheet as CSV UTF-8 or .xlsx")
    return tabulate(path, lines)


def tabulate(path: Path, lines: list[tuple[int, list[str]]]) -> Table:
    """The first row with text is the header; every later row with text is a row of values."""
    filled = [(n, [c.strip() for c in cells]) for n, cells in lines if any(c.strip() for c in cells)]
    if not filled:
        raise TableError(f"{path.name} is empty", "put the parameter names in the first row and one run per row")
    (_, header), body = filled[0], filled[1:]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells: the sheet's used range, not columns
    width = len(header)
    rows = []
    for line, cells in body:
        extra = [c for c in cells[width:] if c]
        if extra:
            raise TableError(
                f"{path.name} line {line} has {width + len(extra)} or more cells, the header {width}",
                'quote values that hold the delimiter ("1,234.50"), or give the extra column a name',
            )
        rows.append(Row(line, tuple(cells[:width] + [""] * (width - len(cells)))))
    return Table(path, tuple(header), tuple(rows))


def read_csv(path: Path) -> list[tuple[int, list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise TableError(
            f"{path.name} is not UTF-8 text (byte {err.start})", "save it as 'CSV UTF-8' (Excel: Save As, CSV UTF-8)"
        ) from err
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        return [(reader.line_num, cells) for cells in reader]
    except csv.Error as err:
        raise TableError(f"{path.name} line {reader.line_num}: {err}", "check its quotes") from err


def read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    import zipfile
    import zlib

    from openpyxl import load_workbook  # heavy: only when a workbook is read

    if path.stat().st_size > MAX_XLSX_BYTES:
        raise TableError(
            f"{path.name} is {path.stat().st_size} bytes; a rows workbook is at most {MAX_XLSX_BYTES}",
            "split it, or save the sheet as CSV UTF-8",
        )
    # A damaged workbook fails inside the zip, the XML parser (ElementTree's and lxml's ParseError
    # are SyntaxErrors) or openpyxl's reading of what it parsed; the sheet is parsed lazily, row by row.
    broken = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, TypeError, SyntaxError)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except broken as err:
        raise TableError(f"{path.name} cannot be read as an .xlsx workbook: {err}", "save it again as .xlsx") from err
    try:
        sheet = book.active or book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong used range; read what is there
        lines = []
        for n, row in enumerate(sheet.iter_rows(), 1):
            if n > MAX_ROWS:
                raise TableError(f"{path.name} has more than {MAX_ROWS} rows", "split it into several files")
            lines.append((n, [cell_text(c.value, c.number_format) for c in row]))
        return lines
    except broken as err:
        raise TableError(
            f"{path.name}: its sheet cannot be read ({type(err).__name__}: {err})", "save it again as .xlsx"
        ) from err
    finally:
        book.close()


def cell_text(value: object, number_format: str = "General") -> str:
    """What the cell shows, near enough: the decimals of a "0.00" format, no ".0" on whole numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):  # a whole float may come back as an int: the file stores "7"
        decimals = re.search(r"0\.(0+)", number_format or "")
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        return str(int(value)) if float(value).is_integer() else f"{value:.15g}"  # as Excel shows it
    return str(value)
