"""The fast paths of record finding (resolutions, actions, segmentation, the token rules) give
what the straightforward versions gave.

Each shortcut is held to a plain restatement of what it replaces, on real documents and on texts
built to trip it: capitals, non-ASCII letters and lone surrogates, punctuation-only tokens.
"""
import re

import pytest

from extract import rules

from .test_speed_q import DOCUMENTS, _lines_of

TRICKY = [
    "Officers would provide the figures.", "WOULD PROVIDE", "members’ reports", "résumé provided",
    "İstanbul would ſend", "\u212aelvin will write to", "naïve\u00a0check", "x\udcffreport", "", "   ", "a-b_c9d",
]


def _texts():
    for parts in DOCUMENTS:
        yield from _lines_of(parts)
    yield from TRICKY


def test_letter_runs_are_the_letters_regex_runs():
    for text in _texts():
        low = text.lower()
        assert rules._letter_runs(low) == [run.encode() for run in re.findall(r"[a-z]+", low)], text


def _promise_labels_slowly(low):
    """Every label that passes `_may_match` on the text's letter runs."""
    words = set(re.findall(r"[a-z]+", low))
    return [label for label, patterns in rules._promise_tokens().items() if rules._may_match(words, patterns)]


def test_promise_labels_are_those_of_every_label_checked():
    for text in _texts():
        assert rules._promise_labels(text.lower()) == _promise_labels_slowly(text.lower()), text
