"""extract.names.split_person: the questioner shapes printed in real question packs."""
import pytest

from extract.names import comma_places, split_person


@pytest.mark.parametrize("raw, title, name, location", [
    # seed 001 (Herefordshire supplementary questions): place after the name, no comma
    ("Mrs. Megan McGeown Weobley", "Mrs", "Megan McGeown", "Weobley"),
    ("Ms. Hannah Currie Hereford", "Ms", "Hannah Currie", "Hereford"),
    # seed 004 (Herefordshire council questions): comma-separated place, multi-word places
    ("Mr Barrington, Hereford", "Mr", "Barrington", "Hereford"),
    ("Councillor CA Gandy, Mortimer", "Councillor", "CA Gandy", "Mortimer"),
    ("Councillor NE Shaw, Bromyard Bringsty", "Councillor", "NE Shaw", "Bromyard Bringsty"),
    ("Dr Whalley, Hereford", "Dr", "Whalley", "Hereford"),
    # seed 000: a spaced hyphen stays part of the name; HTML debris goes
    ("Melissa Portman - Lewis", None, "Melissa Portman - Lewis", None),
    ("<p>Rachel Gallagher</p>", None, "Rachel Gallagher", None),
    # WECA packs and Limerick minutes
    ("Cllr Tim Rippington", "Cllr", "Tim Rippington", None),
    ("Councillor E. O’Donovan", "Councillor", "E. O’Donovan", None),
])
def test_split_person(raw, title, name, location):
    person = split_person(raw)
    assert (person.title, person.name, person.location) == (title, name, location)
    assert person.raw


@pytest.mark.parametrize("raw", ["Name and address supplied", "Name supplied", "Anonymous"])
def test_withheld_names_give_no_person(raw):
    person = split_person(raw)
    assert (person.title, person.name, person.location) == (None, None, None)
    assert person.raw == raw


def test_no_split_without_a_full_name_before_the_place():
    """"Hannah Currie" alone is a name; a surname that is also a place is never cut off."""
    assert split_person("Hannah Currie").location is None
    assert split_person("Mary Ann Smith").name == "Mary Ann Smith"


def test_place_known_from_the_same_document_splits():
    """A place printed after a comma elsewhere in the document is known, even when the
    gazetteer has never heard of it."""
    places = comma_places(["Ms Coda, Peterchurch", "Mr Lee, Little Snoring"])
    assert places == {"Peterchurch", "Little Snoring"}
    assert split_person("Ms Jane Doe Little Snoring", places).location == "Little Snoring"
    assert split_person("Ms Jane Doe Little Snoring").location is None


def test_place_set_apart_by_layout():
    """A DOCX/PDF cell with the place on its own line, or a place in brackets; a wrapped name or
    a role in brackets is not a place."""
    assert split_person("Ms Jane Doe\nLeominster").location == "Leominster"
    assert split_person("Mr John Smith (Ledbury)").name == "John Smith"
    assert split_person("Councillor Rob\nBryher").location is None
    assert split_person("Mr Smith (Chair)").location is None


def test_organisation_after_a_comma_is_not_a_place():
    person = split_person("Tom Lee, Bristol Cycling Campaign")
    assert person.location is None


@pytest.mark.parametrize("raw, name", [
    # Bristol public forum lists: who the asker speaks for follows the name
    ("Ian Pond, Bristol Cycling Campaign Bristol Cycleways", "Ian Pond"),
    ("Ian Pond - Bristol Cycling Campaign", "Ian Pond"),
    ("David Redgewell, South West Transport Network and Railfuture Severnside", "David Redgewell"),
    ("Suzanne Audrey, Chair of TRESA", "Suzanne Audrey"),
    # not an organisation: a double-barrelled name, a place
    ("Melissa Portman - Lewis", "Melissa Portman - Lewis"),
    ("Mr Barrington, Hereford", "Barrington"),
])
def test_organisation_after_the_name_is_not_part_of_it(raw, name):
    person = split_person(raw)
    assert person.name == name and person.raw == raw
