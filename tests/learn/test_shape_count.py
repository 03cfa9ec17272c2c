"""Line shapes and the bounded counting structures of ``cleantext learn``."""

from __future__ import annotations

import random

from cleantext.learn.count import DOCS, HEAD, OCC, REPEAT, Reservoir, ShapeTable, Sighting
from cleantext.learn.shape import NAME, digest, display, name_variants, shape_of


def test_varying_parts_share_one_shape():
    a = shape_of("星河文稿整理，完整版请联系QQ：31415926")
    b = shape_of("星河文稿整理,完整版请联系ＱＱ：２７１８２８１８２８")
    assert a.key == b.key
    assert display(a.key) == "星河文稿整理,完整版请联系QQ:<QQ>"


def test_masks_urls_emails_ids_and_short_numbers_apart():
    assert display(shape_of("更多范文请访问 www.fanwen42.com").key) == "更多范文请访问<URL>"
    assert display(shape_of("Contact: service7@fanwen42.com").key) == "Contact:<EMAIL>"
    assert display(shape_of("微信号：xinghe_2024").key) == "微信号:<ID>"
    # A page mark keeps its short numbers apart from a QQ number: they are different kinds of line.
    assert display(shape_of("第 3 页 共 12 页").key) == "第<N>页共<N>页"
    assert shape_of("第 3 页 共 12 页").key != shape_of("第 31415 页").key


def test_whitespace_is_dropped_but_remembered_as_a_gap():
    s = shape_of("仅供参阅  请勿外传")
    assert s.key == "仅供参阅请勿外传"
    assert s.gaps == {4}
    # Between two ASCII words one space is part of the shape.
    assert shape_of("Visit   our  site").key == "Visit our site"


def test_name_variants_mask_one_cjk_run_between_gaps():
    shape = shape_of("远山文库 联系QQ：31415926")
    variants = {name: variant for variant, name in name_variants(shape)}
    assert variants["远山文库"] == NAME + "联系QQ:" + shape.key[-1]
    # Whitespace ends a run: the brand alone is masked, not brand + the word after it.
    assert "远山文库联系" not in variants.values()
    # A line that would be nothing but a name has no variant.
    assert name_variants(shape_of("远山文库")) == []


def test_digest_is_stable_and_64_bit():
    assert digest("星河文稿") == digest("星河文稿")
    assert digest("星河文稿") != digest("星河文库")
    assert 0 <= digest("星河文稿") < 2**64


def _sighting(key: str, where: str = "head", count: int = 1) -> Sighting:
    s = Sighting(key, key, count=count)
    setattr(s, where, count)
    return s


def test_table_counts_documents_positions_and_repeats():
    t = ShapeTable(cap=100)
    h = digest("k")
    t.add(h, _sighting("k", "head"))
    t.add(h, _sighting("k", "middle", count=2))
    row = t.rows[h]
    assert (row[DOCS], row[HEAD], row[OCC], row[REPEAT]) == (2, 1, 3, 1)
    assert t.key_of(h) == "k"  # examples start at the second document


def test_table_stays_under_its_cap_and_keeps_the_frequent_shape():
    cap = 5_000
    t = ShapeTable(cap=cap)
    frequent = digest("星河文稿专用")
    once, mark = _sighting("正文中的一行", "middle"), _sighting("星河文稿专用", "tail")
    for i in range(200_000):
        t.add(i, once)  # 200 000 distinct shapes (their hash is all the table sees)
        assert len(t) <= cap
        if i % 50 == 0:
            t.add(frequent, mark)
    assert t.prunes > 0
    assert len(t.rows) <= cap and len(t.examples) <= cap // 4
    # Counted in 4 000 documents; lossy counting may forget at most `floor` of them.
    assert 4_000 - t.floor <= t.rows[frequent][DOCS] <= 4_000
    assert t.lines_of(frequent) == ["星河文稿专用"]


def test_examples_stay_bounded_when_many_shapes_recur_at_edges():
    t = ShapeTable(cap=4_000)
    head = _sighting("页眉", "head")
    for i in range(30_000):
        t.add(i, head)
        t.add(i, head)        # a second document: from now on the shape keeps examples
        assert len(t.examples) <= 1_000
    assert t.examples


def test_examples_are_distinct_and_at_most_five():
    t = ShapeTable(cap=100)
    h = digest("k")
    for i in range(50):
        s = _sighting("k")
        s.line = f"line {i % 9}"
        t.add(h, s)
    lines = t.lines_of(h)
    assert len(lines) == 5 and len(set(lines)) == 5


def test_reservoir_is_bounded_and_uniform_enough():
    r: Reservoir[int] = Reservoir(100, random.Random(1))
    for i in range(10_000):
        r.offer(i)
    assert len(r.items) == 100 and r.seen == 10_000
    assert sum(1 for x in r.items if x >= 5_000) > 30  # not just the first items
