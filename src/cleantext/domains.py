"""The top-level domains cleantext recognises a web address by: one list for the contact extractor, the zone
rules that match sites, the repetition detector's site marker and the pattern macros (``%URL%``, ``%TLD%``), so that
an address a rule removes is also one the extractor records (``www.example-novel.club`` is both, or neither)."""

from __future__ import annotations

__all__ = ["BARE_TLDS", "EMAIL_TLDS", "TLDS", "alternation"]

# The endings of the addresses that boilerplate gives: generic ones and those cheap registrars sell, plus the
# country codes of the Chinese-speaking web (cn, tw) and a few that sites use as words (me, io, tv, la, co).
TLDS: tuple[str, ...] = ("com", "cn", "net", "org", "cc", "top", "vip", "info", "me", "io", "xyz", "tv", "la", "co",
                         "biz", "site", "club", "shop", "wang", "ink", "tw")
# An e-mail address also comes from a school or an office (the extractor records it; no rule removes one for it).
EMAIL_TLDS: tuple[str, ...] = (*TLDS, "edu", "gov")
# The endings an obfuscated watermark is recognised by once its dots are gone (``wwwexamplenovelcom``): a subset,
# since without the dot a short ending like co, io or tv is how many ordinary words end.
BARE_TLDS: tuple[str, ...] = ("com", "net", "cc", "org", "cn", "la", "me", "top", "xyz", "vip", "info")


def alternation(tlds: tuple[str, ...] = TLDS) -> str:
    """A non-capturing regex group matching any of ``tlds``, longest first (``com`` is tried before ``co``).

    >>> alternation(("co", "com"))
    '(?:com|co)'
    """
    return "(?:" + "|".join(sorted(tlds, key=len, reverse=True)) + ")"
