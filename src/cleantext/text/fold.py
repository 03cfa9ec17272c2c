"""A char-for-char fold of traditional Chinese to simplified, for matching only.

Patterns are written once, in simplified characters; a document from a Big5 source writes its boilerplate in
traditional ones (僅供學習 禁止外傳). Folding maps each traditional character to its simplified form one for one, so
the folded text has the same length and the same line breaks: rules match on the fold, and every cut, contact and
name is read back from the original text at the same offsets.

The table is OpenCC's traditional→simplified *character* table (``TSCharacters.txt``, shipped as a data file by the
``opencc-python-reimplemented`` wheel), read once at import without importing that package. Only one-character
keys are kept, each folded to its first (OpenCC's default) single-character candidate; phrase tables are left out
because a phrase may change length and break the offsets. When the file cannot be found (another distribution
that installs an ``opencc`` package of its own shadows it), a smaller table written by hand for the vocabulary of
boilerplate is used instead; :data:`TABLE_SOURCE` says which one is in use.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

OPENCC_FILE = Path("dictionary") / "TSCharacters.txt"

# The fallback table, used only without OpenCC's file. Pairs are aligned: the n-th traditional character folds to
# the n-th simplified one.
_TRADITIONAL = (
    "僅傳後刪資會員學習禁請轉載權號關註網頁閱讀記發佈於為個這們來與體務費碼掃點擊專屬獨盜訂贈舉報賣動實時檔編輯"
    "複製聯繫係尋維護帳戶義節說書閣邊歡訪問應該獲領協議歸聲明場開啟設計劃區縣鎮鄉團隊級層導師範課試題卷"
    "單據價購買錢幣優質選擇標準類別電話郵箱址碼羣組員講座藝術園遊戲視頻圖片載請勿違責負權益盡詳細內容"
    "歷屆總結報告調查研究計畫紀錄處理辦公室機關經濟濟財務稅務審計監督檢驗證據認識觀點讓給從幫幾萬億數據"
    "產業務農業環境運輸營銷售廣告傳媒體網絡連結鏈接線上線下顯示屏幕版權聲稱謝謝閱覽轉發點讚評論收藏關閉"
    "長按識別掃描頭條號碼圈粉絲訂閱專欄創作者簽約獨家首發連載完結章節目錄書籤書簽標題簡介熱門推薦搜索熱搜"
    "復製轉貼貼吧論壇壇主題帖樓層頂貼舉報違規處罰懲罰條例規則須知溫馨提示說明詳見備註註釋編號頁碼頁數頁面"
)
_SIMPLIFIED = (
    "仅传后删资会员学习禁请转载权号关注网页阅读记发布于为个这们来与体务费码扫点击专属独盗订赠举报卖动实时档编辑"
    "复制联系系寻维护账户义节说书阁边欢访问应该获领协议归声明场开启设计划区县镇乡团队级层导师范课试题卷"
    "单据价购买钱币优质选择标准类别电话邮箱址码群组员讲座艺术园游戏视频图片载请勿违责负权益尽详细内容"
    "历届总结报告调查研究计画纪录处理办公室机关经济济财务税务审计监督检验证据认识观点让给从帮几万亿数据"
    "产业务农业环境运输营销售广告传媒体网络连结链接线上线下显示屏幕版权声称谢谢阅览转发点赞评论收藏关闭"
    "长按识别扫描头条号码圈粉丝订阅专栏创作者签约独家首发连载完结章节目录书签书签标题简介热门推荐搜索热搜"
    "复制转贴贴吧论坛坛主题帖楼层顶贴举报违规处罚惩罚条例规则须知温馨提示说明详见备注注释编号页码页数页面"
)
# More of the vocabulary, as traditional/simplified pairs.
_PAIRS = (
    "嚴严內内無无線线覽览訊讯圖图鍵键盤盘帶带車车門门華华萬万愛爱極极樂乐興兴覺觉見见現现話话語语親亲額额變变隨随齊齐滿满況况際际術术類类達达還还遠远連连過过進进運运選选適适將将對对屆届張张強强彈弹徵征憑凭戲戏擁拥攜携斷断條条"
    "業业樓楼歲岁氣气漢汉燈灯爭争獎奖環环畫画當当礙碍禮礼稱称穩稳競竞筆笔範范糧粮紅红約约紙纸純纯絕绝統统經经綜综緊紧績绩續续羅罗職职聽听腦脑臺台舊旧莊庄葉叶藥药蟲虫衛卫補补襲袭規规視视觀观討讨訓训託托許许評评詩诗誌志認认誠诚"
    "誰谁談谈諸诸謀谋譜谱豐丰貢贡貨货販贩貴贵貿贸賓宾賞赏賠赔賬账購购贊赞趕赶趨趋跡迹軍军軟软較较輕轻輪轮遲迟遺遗鄭郑醫医釋释針针鈕钮銀银銷销鋒锋錄录錯错鍊链鐘钟鑑鉴閉闭間间閒闲闆板階阶險险隱隐雙双雜杂雞鸡離离難难電电霧雾靈灵"
    "韓韩頂顶項项順顺須须預预頭头顏颜願愿顧顾風风飛飞飯饭館馆馬马驗验髮发鬥斗魚鱼鳥鸟麥麦黨党龍龙裡里麼么啟启噹当塊块壓压夠够奪夺嫻娴寶宝實实審审寫写尋寻導导屆届層层峽峡幣币廣广廳厅彙汇徑径復复懷怀戰战擴扩擺摆攝摄敗败敵敌數数"
    "曆历曉晓曬晒書书會会朧胧東东構构標标樣样權权歡欢殘残殺杀毀毁決决沒没測测濟济灣湾災灾為为煙烟熱热爾尔牆墙狀状獲获瑪玛產产畢毕畫画療疗發发盜盗盡尽監监盤盘睜睁矯矫礎础祕秘稅税種种稱称窮穷競竞筆笔節节籤签糾纠紀纪紐纽級级紡纺"
    "細细組组終终絡络給给統统絲丝綁绑維维網网綠绿緒绪練练緩缓編编縮缩績绩繁繁繳缴織织繪绘繼继續续纜缆罰罚聖圣聯联聲声肅肃脅胁腳脚膚肤興兴舉举艦舰蘇苏蘭兰號号蝦虾術术衝冲補补裝装製制複复覆覆規规覽览覺觉觸触計计訂订討讨訪访設设"
    "證证評评詞词該该詳详誇夸認认誘诱語语說说誰谁課课調调諾诺謂谓謎谜謹谨譯译護护讚赞貝贝負负貸贷費费賀贺資资賣卖質质賭赌賽赛贏赢趙赵跳跳蹤踪車车軌轨較较載载輔辅輯辑輸输轄辖辦办農农迴回這这週周進进遊游運运過过達达違违遞递遠远"
    "適适遷迁選选遺遗邀邀郵邮鄉乡釐厘鉅巨銅铜鋪铺錢钱鍋锅鎮镇鏡镜鐵铁長长閃闪閣阁闊阔關关陣阵陰阴陳陈陸陆陽阳隊队隨随隸隶雖虽雲云電电響响頁页頓顿頒颁頻频題题顯显飄飘養养餘余駐驻騎骑騰腾驚惊體体鬧闹魯鲁鳳凤麗丽黃黄齡龄"
)
_TRADITIONAL += _PAIRS[0::2]
_SIMPLIFIED += _PAIRS[1::2]


def opencc_file() -> Path | None:
    """Where the installed ``opencc`` package keeps OpenCC's character table, or None (found, not imported)."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / OPENCC_FILE
        if path.is_file():
            return path
    return None


def parse_opencc(text: str) -> dict[int, int]:
    """A ``str.translate`` table from OpenCC's ``KEY<TAB>CANDIDATE CANDIDATE…`` lines: one-character keys only,
    each to its first candidate when that is one character and differs from the key (a fold never changes length).

    >>> sorted((chr(k), chr(v)) for k, v in parse_opencc("眾\\t众\\n瞭\\t瞭 了\\n於\\t于 於\\n乾坤\\t乾坤\\n").items())
    [('於', '于'), ('眾', '众')]
    """
    table: dict[int, int] = {}
    for line in text.splitlines():
        key, _, rest = line.partition("\t")
        candidates = rest.split()
        if len(key) == 1 and candidates and len(candidates[0]) == 1 and candidates[0] != key:
            table[ord(key)] = ord(candidates[0])
    return table


def fallback_table() -> dict[int, int]:
    """The hand-written table of the boilerplate vocabulary (about 500 characters)."""
    if len(_TRADITIONAL) != len(_SIMPLIFIED):  # pragma: no cover - a broken edit of the pairs above
        raise AssertionError("the fallback fold table's two strings differ in length")
    return {ord(t): ord(s) for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if t != s}


def load_table() -> tuple[dict[int, int], str]:
    """The fold table and where it came from: OpenCC's file when it is installed, else the fallback."""
    path = opencc_file()
    if path is not None:
        table = parse_opencc(path.read_text(encoding="utf-8"))
        if table:
            return table, f"opencc:{path}"
    return fallback_table(), "fallback"


# Any character beyond the BMP: one range, fast.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _class_ranges(chars: Sequence[str]) -> list[str]:
    """A character class body for sorted ``chars``: consecutive code points as ranges (an empty class for none:
    ``[]`` is not a valid pattern, so a class that matches nothing stands in)."""
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        out.append(re.escape(chars[i]) if i == j else f"{re.escape(chars[i])}-{re.escape(chars[j])}")
        i = j + 1
    return out or ["^\\x00-\\U0010ffff"]


def char_classes(chars: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``chars`` as two character classes: those of the BMP, which ``re`` tests with a bitmap at C speed, and the
    others, which it tests against a list of ranges (slow per character: search them only in a text that holds a
    character beyond the BMP, see :data:`ASTRAL`). Consecutive code points are written as ranges."""
    ordered = sorted(set(chars))
    bmp = [c for c in ordered if c <= "\uffff"]
    astral = [c for c in ordered if c > "\uffff"]
    return re.compile("[" + "".join(_class_ranges(bmp)) + "]"), re.compile("[" + "".join(_class_ranges(astral)) + "]")


_TABLE, TABLE_SOURCE = load_table()
# Characters of traditional text that simplified text does not use: the cheap signal that folding is needed. A set
# test (``isdisjoint``) makes a string of each character of the text, ~60 ns each; one class over four thousand
# characters was slower still while it held the ~350 beyond the BMP. Split in two, the BMP class scans a 12 KB
# document in an eighth of the time of the set test.
_SIGNAL_BMP, _SIGNAL_ASTRAL = char_classes(map(chr, _TABLE))


def needs_fold(text: str) -> bool:
    """True when the text holds a character that the fold changes."""
    if _SIGNAL_BMP.search(text) is not None:
        return True
    return ASTRAL.search(text) is not None and _SIGNAL_ASTRAL.search(text) is not None


def fold(text: str) -> str:
    """The text with traditional characters folded to simplified; same length, same offsets.

    >>> fold("僅供學習 禁止外傳，參與民眾")
    '仅供学习 禁止外传，参与民众'
    """
    return text.translate(_TABLE)
