"""A whole-line rule whose regex has an open tail (``[^\\n]{0,40}``) must not take the story sentence a pirate site
glued after its ad: the ad is cut, the sentence stays (text of our own)."""

from __future__ import annotations

import pytest

from cleantext import Cleaner

HEAD = ["第一章 风起", "", "　　少年站在山门前，望着远处翻滚的云海，心里默默地数着日子。"]
TAIL = ["　　他握紧了手里的木剑，转身走回了练功场。"]
STORY = "他推开门走了进去，屋里一片漆黑，只有窗外的月光。"


def _clean(line: str):
    return Cleaner().clean("\n".join([*HEAD, line, *TAIL]))


@pytest.mark.parametrize("ad", ["关注公众号「晨读小站」回复“资料”免费领取全套范文。",
                                "本书由星河小说网首发，转载请保留！"])
def test_the_ad_goes_and_the_story_glued_after_it_stays(ad: str) -> None:
    alone, glued = _clean("　　" + ad), _clean("　　" + ad + STORY)
    assert ad not in alone.text and ad not in glued.text
    assert "　　" + STORY in glued.text.split("\n")
    cut = [r for r in glued.removed if r.line == len(HEAD) + 1]
    assert len(cut) == 1 and cut[0].text == ad and cut[0].start == 2 and cut[0].end == 2 + len(ad)
    assert glued.metadata.contacts == alone.metadata.contacts  # the match read at the right offsets


def test_more_boilerplate_after_the_first_sentence_goes_with_it() -> None:
    # The second sentence speaks of 转载: part of the notice, not a story. The line goes whole, as before.
    line = "本书由星河小说网首发，转载请保留！商业转载请联系作者获得授权，非商业转载请注明出处。"
    r = _clean(line)
    assert line not in r.text and "转载" not in r.text
    assert [(x.start, x.end) for x in r.removed if x.line == len(HEAD) + 1] == [(0, len(line))]


def test_a_short_tail_is_not_a_story() -> None:
    # Fewer than MIN_GLUED_STORY Han characters after the ad: the whole line is the ad.
    line = "本书由星河小说网首发，转载请保留！谢谢。"
    r = _clean(line)
    assert "首发" not in r.text and "谢谢" not in r.text
