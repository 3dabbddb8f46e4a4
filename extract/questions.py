"""Blocks -> questions, supplementaries and responses. (First cut; see issue 5.)"""
from __future__ import annotations


def find_questions(blocks, doc_id):
    return []
