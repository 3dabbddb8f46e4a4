"""Blocks -> resolutions (with votes) and actions. (First cut; see issue 5.)"""
from __future__ import annotations


def find_resolutions(blocks, doc_id):
    return []


def find_actions(blocks, doc_id):
    return []
