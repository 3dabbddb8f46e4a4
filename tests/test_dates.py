"""Numeric dates read in the order of the document's country (extract/dates.py, issue 5 follow-up).

UK, Irish and NZ minutes print 04/05/2023 for 4 May; US minutes print it for April 5. The order is
decided once per document, from a date only one order can read or else from US signs."""
import pytest

from extract import extract_document
from extract.dates import dayfirst_for, parse_date

from .conftest import fixture_path


def text_of(*parts):
    return fixture_path(*parts).read_text(encoding="utf-8")


@pytest.mark.parametrize("text,iso", [
    ("04/05/2023", "2023-05-04"),  # day first by default
    ("04/25/2023", "2023-04-25"),  # only month first can read it
    ("25/04/2023", "2023-04-25"),
    ("11.25.01 Apologies for absence", None),  # a Souldern minute number is no date in either order
])
def test_numeric_dates_default_day_first(text, iso):
    assert parse_date(text) == iso


def test_month_first_when_told():
    assert parse_date("04/05/2023", dayfirst=False) == "2023-04-05"
    assert parse_date("25/04/2023", dayfirst=False) == "2023-04-25"  # the only reading


@pytest.mark.parametrize("text,dayfirst", [
    ("Minutes 03/04/2024 ... the invoice of 25/03/2024 was paid", True),  # a day > 12 settles it
    ("Councilor Smith moved ... at 7:01 p.m. ... roll call ... 03/04/2024 ... invoice 03/25/2024", False),
    ("Councilor Smith moved ... at 7:01 p.m. on 03/04/2024", False),  # two kinds of US sign
    ("Bristol City Council ... Councillor Smith ... 03/04/2024", True),  # "City Council" alone is not US
    ("Parish minutes 11.25.01 Apologies; 11.25.02 Declarations", True),  # minute numbers settle nothing
])
def test_document_order(text, dayfirst):
    assert dayfirst_for(text) is dayfirst


def test_us_signals_in_real_minutes():
    """The real Rivergrove (Oregon) minutes read month first; Hastings (NZ) and Herefordshire day first."""
    assert dayfirst_for(text_of("rerendered", "rivergrove-city-council-2018-12-10-minutes-numeric-dates.txt")) is False
    assert dayfirst_for(text_of("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt")) is True
    assert dayfirst_for(text_of("herefordshire", "004_58a656bbb4bbd1d0.txt")) is True


def test_us_minutes_with_numeric_meeting_date():
    """The Rivergrove minutes' text with its dates printed "12/10/2018" (as many US cities print them):
    the meeting is on December 10, not 12 October."""
    path = fixture_path("rerendered", "rivergrove-city-council-2018-12-10-minutes-numeric-dates.txt")
    recs = extract_document(path.read_bytes(), path.name)
    (m,) = recs.meetings
    assert (m.body, m.date, m.start_time) == ("Rivergrove City Council", "2018-12-10", "19:01")


def test_us_agenda_pdf_date():
    """Des Moines agenda (a real PDF): the meeting date is April 24, 2023."""
    path = fixture_path("des-moines-ia", "city-council-2023-04-24-agenda.pdf")
    recs = extract_document(path.read_bytes(), path.name)
    assert [m.date for m in recs.meetings] == ["2023-04-24"]
