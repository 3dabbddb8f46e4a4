"""The text cleaning every reader shares (extract/blocks.py): what converters leave behind."""
import pytest

from extract.blocks import clean_text, one_line


@pytest.mark.parametrize("raw, cleaned, line", [
    ("<p>Cllr Smith</p><p>Hereford</p>", "Cllr Smith\nHereford", "Cllr Smith Hereford"),  # HTML in a table cell
    ("Fish &amp; Chips &nbsp;Ltd", "Fish & Chips Ltd", "Fish & Chips Ltd"),
    ("&amp;amp; stays once-escaped", "&amp; stays once-escaped", "&amp; stays once-escaped"),
    ("**36.** APOLOGIES", "36. APOLOGIES", "36. APOLOGIES"),  # Markdown bold from a converter
    ("1\\. Minutes \\- draft \\* note", "1. Minutes - draft * note", "1. Minutes - draft * note"),
    ("e\ufb03cient o\ufb01ce", "efficient ofice", "efficient ofice"),  # ligatures
    ("Mr\u00a0Jones \t asked\u2003why", "Mr Jones asked why", "Mr Jones asked why"),  # odd spaces
    ("zero\u200bwidth", "zero width", "zero width"),
    ("recom\u00admendation", "recommendation", "recommendation"),  # soft hyphen
    ("  first  \n \n\n  second line \r\n third ", "first\nsecond line\nthird", "first second line third"),
    ("Cafe\u0301", "Caf\u00e9", "Caf\u00e9"),  # composed (NFC)
    ("<b>Bold</b> and <span class='x'>span</span>", "Bold and span", "Bold and span"),
    ("", "", ""),
])
def test_clean_text(raw, cleaned, line):
    assert clean_text(raw) == cleaned
    assert one_line(raw) == line
