"""Blocks -> meetings (header, attendance) and agenda items. (First cut; see issue 5.)"""
from __future__ import annotations

from .blocks import ReadResult
from .spans import Segmentation


def find_meetings(result: ReadResult, doc_id: str) -> Segmentation:
    return Segmentation(doc_kind="other")
