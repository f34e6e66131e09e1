"""The strings of the Wijkuitvoeringsplan on the Export page, Dutch and English (data)."""

from __future__ import annotations

DOCUMENT_STRINGS: dict[str, dict[str, str]] = {
    "exp_wup_title": {"nl": "Het wijkuitvoeringsplan", "en": "The neighbourhood plan (WUP)"},
    "exp_wup_intro": {
        "nl": (
            "Het plan van het dorp als document, in het Nederlands: alle hoofdstukken met de"
            " cijfers van dit scenario, de gewichten van Afwegen en het plan op het scherm"
            " (zonder plan: het standaardplan met 60 % minder CO₂). Het maken duurt enkele"
            " seconden."
        ),
        "en": (
            "The village's plan as a document, in Dutch: every chapter with the figures of this"
            " scenario, the weights set on Afwegen and the plan on screen (without a plan: the"
            " default plan with 60 % less CO₂). Making it takes a few seconds."
        ),
    },
    # short: a button's label is cut off at 1 280 px beyond about 24 characters
    "exp_wup_docx": {"nl": "Plan in Word", "en": "Plan in Word"},
    "exp_wup_html": {"nl": "Plan als webpagina", "en": "Plan as a web page"},
}
