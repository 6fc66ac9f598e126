"""The platform-neutral form definition: validation, normalisation, languages."""

from __future__ import annotations

import pytest

from handlers.contact.form import normalise_business_id, validate_contact_form


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0737546-2", "0737546-2"),
        ("07375462", "0737546-2"),
        ("737546-2", "0737546-2"),
        ("1572860-0", "1572860-0"),
    ],
)
def test_business_id_is_normalised(value: str, expected: str) -> None:
    assert normalise_business_id(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [("0737546-3", "check"), ("1234567-8", "check"), ("123-4", "format"), ("abcdefg-h", "format")],
)
def test_business_id_with_a_wrong_check_digit_or_shape_is_refused(value: str, reason: str) -> None:
    with pytest.raises(ValueError, match=f"^{reason}$"):
        normalise_business_id(value)


def test_form_validation_cleans_and_speaks_the_users_language() -> None:
    data = {
        "organisation": "  Vantaan\x00 Seniorit\u202e ry ",
        "contact_person": "Maija",
        "email": "maija@example.fi",
        "topic": "muu",
        "message": "Rivi 1\r\nRivi 2\x07",
        "consent": "on",
        "phone": "+358 (40) 123-4567",
        "target_unit": "",
    }
    form, errors = validate_contact_form(data, "fi")
    assert errors == {} and form is not None
    assert (form.organisation, form.message, form.phone, form.target_unit) == (
        "Vantaan Seniorit ry",
        "Rivi 1\nRivi 2",
        "+358401234567",
        None,
    )
    bad = {**data, "phone": "soita", "topic": "kahvi", "consent": "", "message": "x" * 5001}
    for lang, words in (("fi", "Hyväksy"), ("sv", "Godkänn"), ("en", "Accept"), ("de", "Hyväksy")):
        form, errors = validate_contact_form(bad, lang)
        assert form is None and set(errors) == {"phone", "topic", "consent", "message"}
        assert errors["consent"].startswith(words)
    assert "5001" in validate_contact_form(bad, "en")[1]["message"]
