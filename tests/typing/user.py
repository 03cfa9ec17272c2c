"""A user's script, written against the API the README shows: `mypy --strict` must accept it as it is, and it runs
(tests/typing/test_mypy.py). Every name and document here is invented."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile

import cleantext
from cleantext.audit import replay

DOC = "仅供学习交流使用\n年度总结\n今年完成了全部任务。\n小明关注了学校的公众号。"


def main() -> int:
    result = cleantext.clean(DOC.encode("gb18030"))  # bytes in any encoding, or str
    title: str | None = result.metadata.title
    contacts: dict[str, list[str]] = result.metadata.contacts
    report: str = result.explain()

    # Many documents: one Cleaner, options as in the README (lists are accepted).
    my_patterns = tempfile.mkdtemp()
    cleaner = cleantext.Cleaner(patterns=[my_patterns], disable=["promo.platform-slogan"])
    texts = [cleaner.clean(raw).text for raw in (DOC, DOC.encode("utf-8"))]

    config = cleantext.CleanerConfig(disable=["promo."], max_blank_lines=2)
    strict = cleantext.Cleaner(dataclasses.replace(config, decode_errors="strict"))

    d: cleantext.ResultDict = strict.clean(DOC).to_dict(include_normalized=True)
    removed: list[cleantext.RemovalDict] = d["removed"]
    first_rule: str = removed[0]["rule"]
    assert replay(d["normalized"], removed, max_blank_lines=2) == d["text"]
    assert d["schema_version"] == cleantext.SCHEMA_VERSION

    try:
        cleantext.clean(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    except cleantext.NotTextError as err:
        why = str(err)
    print(json.dumps({"title": title, "qq": contacts["qq"], "lines": len(report.splitlines()), "texts": texts,
                      "rule": first_rule, "why": why}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
