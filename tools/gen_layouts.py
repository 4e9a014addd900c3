#!/usr/bin/env python3
"""gen_layouts.py - scraped-text test pages in many Vietnamese news-site layouts.

Each layout is a function that wraps one article (title, date, author, lead,
body paragraphs) in an HTML page the way a news site does: navigation bars,
breadcrumbs, a date line in the site's format and place, share buttons,
bylines before or after the text, photo captions, related-article blocks
with teasers, tag lists, comment forms, most-read sidebars and footers.
The page is then rendered to text the way scrapers do (w3m -dump,
lynx -dump -nolist, html2text, and Chromium's innerText when asked), and
the expected title, date and body are written beside it.

Usage:
  gen_layouts.py --corpus DIR --out DIR [--renderers w3m,lynx,html2text] [--max N]
      articles from a corpus directory ("# key = value" header, title, lead,
      one paragraph per line: ../shared/corpus/dantri-world)
  gen_layouts.py --fixtures --out DIR [--renderers ...]
      the invented short articles below (for the repository's tests)

Output per page: LAYOUT__RENDERER__ID.txt (the rendered text) and
LAYOUT__RENDERER__ID.gold: lines "title<TAB>...", "date<TAB>YYYY-MM-DD",
then "para<TAB>..." for the lead and every body paragraph.

Python 3 standard library only; the renderers are Debian packages (w3m,
lynx, html2text, chromium).  Deterministic: the same input gives the same
pages.
"""
import argparse
import concurrent.futures
import hashlib
import html
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]

# ----------------------------------------------------------------- articles

# Invented articles for the committed test fixtures (not taken from any
# site or corpus).
FIXTURES = [
    {
        "id": "fx1", "date": (2021, 3, 31), "author": "Minh Phương",
        "credit": "Theo Reuters",
        "title": "Hai nước ven biển ký thỏa thuận chung về nghề cá",
        "lead": "Bộ trưởng Ngoại giao hai nước hôm qua đã ký thỏa thuận về quản lý nghề cá trên vùng biển chung, mở ra giai đoạn hợp tác mới.",
        "paras": [
            "Lễ ký diễn ra tại thủ đô sau hai ngày đàm phán, với sự chứng kiến của đại diện các cơ quan thủy sản và lực lượng tuần duyên của cả hai bên.",
            "Theo văn bản được công bố, hai bên cam kết chia sẻ dữ liệu về trữ lượng cá, phối hợp tuần tra và lập đường dây nóng để xử lý các vụ việc phát sinh trên biển.",
            "Những điểm chính của thỏa thuận",
            "Thỏa thuận có hiệu lực trong năm năm và có thể được gia hạn nếu hai bên đồng ý. Một ủy ban chung sẽ họp mỗi năm hai lần để đánh giá việc thực hiện.",
            "“Đây là bước tiến quan trọng giúp ngư dân hai nước yên tâm làm ăn”, người phát ngôn Bộ Ngoại giao nói với báo giới sau lễ ký.",
            "Các chuyên gia cho rằng thỏa thuận sẽ góp phần giảm căng thẳng trong khu vực, nơi từng xảy ra nhiều vụ bắt giữ tàu cá trong những năm gần đây.",
        ],
    },
    {
        "id": "fx2", "date": (2023, 11, 7), "author": "Hoàng Anh",
        "credit": "(Theo AFP)",
        "title": "Liên minh khu vực họp khẩn về tình hình an ninh biên giới",
        "lead": "Các bộ trưởng quốc phòng của liên minh khu vực đã họp trực tuyến để bàn biện pháp ứng phó với các vụ xâm nhập trái phép ở vùng biên giới phía bắc.",
        "paras": [
            "Cuộc họp được triệu tập sau khi lực lượng biên phòng báo cáo ba vụ việc liên tiếp trong một tuần, khiến hai binh sĩ bị thương nhẹ.",
            "Trong tuyên bố chung, các bộ trưởng nhất trí tăng cường tuần tra, chia sẻ thông tin tình báo và thành lập một nhóm công tác chung để điều tra nguyên nhân.",
            "Người phát ngôn của liên minh cho biết các nước thành viên sẽ gặp lại nhau vào tháng tới để xem xét kết quả ban đầu của nhóm công tác.",
            "Giới quan sát nhận định cuộc họp cho thấy các nước trong khu vực muốn tránh để căng thẳng leo thang thành xung đột vũ trang.",
        ],
    },
    {
        "id": "fx3", "date": (2019, 6, 14), "author": "Thu Hà",
        "credit": "Nguồn: Kyodo",
        "title": "Thủ tướng thăm chính thức ba nước Bắc Âu, thúc đẩy hợp tác năng lượng",
        "lead": "Chuyến thăm kéo dài sáu ngày nhằm mở rộng hợp tác về năng lượng tái tạo, giáo dục và thương mại giữa hai khu vực.",
        "paras": [
            "Tại cuộc hội đàm đầu tiên, hai bên đã ký bảy văn kiện hợp tác, trong đó có dự án điện gió ngoài khơi trị giá hai tỷ USD.",
            "Thủ tướng cũng có buổi gặp gỡ cộng đồng doanh nghiệp, kêu gọi các nhà đầu tư mở rộng hoạt động trong lĩnh vực công nghệ xanh và chế biến nông sản.",
            "Năng lượng tái tạo là trọng tâm",
            "Các nước chủ nhà cam kết hỗ trợ kỹ thuật và đào tạo nhân lực cho các dự án năng lượng mới, đồng thời tăng số học bổng dành cho sinh viên.",
            "Kim ngạch thương mại giữa hai bên năm ngoái đạt khoảng bốn tỷ USD, tăng gần mười phần trăm so với năm trước đó.",
        ],
    },
    {
        "id": "fx4", "date": (2024, 1, 22), "author": "Quang Huy",
        "credit": "Theo Guardian",
        "title": "Hội nghị thượng đỉnh khí hậu kết thúc với cam kết tài chính mới",
        "lead": "Sau hai tuần đàm phán căng thẳng, các nước tham dự hội nghị đã nhất trí lập quỹ hỗ trợ các quốc gia dễ bị tổn thương trước biến đổi khí hậu.",
        "paras": [
            "Quỹ mới sẽ được vận hành từ năm sau, với khoản đóng góp ban đầu từ mười hai nền kinh tế lớn và một số tổ chức tài chính quốc tế.",
            "Nhiều đại biểu hoan nghênh kết quả này nhưng cho rằng mức đóng góp hiện nay vẫn còn thấp so với nhu cầu thực tế của các nước đang phát triển.",
            "Chủ tịch hội nghị kêu gọi các nước giữ lời hứa và công bố kế hoạch giảm phát thải cụ thể trước kỳ họp tiếp theo vào cuối năm.",
            "Các tổ chức môi trường nói họ sẽ theo dõi chặt chẽ việc giải ngân của quỹ để bảo đảm tiền đến được những cộng đồng cần nhất.",
        ],
    },
]

# Filler of the page around the article (invented, site-neutral).
SECTIONS = ["Thời sự", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục",
            "Sức khỏe", "Đời sống", "Du lịch", "Khoa học", "Số hóa", "Xe", "Ý kiến"]
OTHER_TITLES = [
    ("Nhiều nước châu Âu nâng mức cảnh báo an ninh sau loạt vụ tấn công mạng",
     "Các cơ quan an ninh cho biết số vụ tấn công vào hạ tầng trọng yếu tăng mạnh trong quý vừa qua."),
    ("Giá dầu thế giới biến động mạnh trước cuộc họp của các nước sản xuất",
     "Giới đầu tư chờ đợi quyết định về sản lượng trong bối cảnh nhu cầu phục hồi chậm."),
    ("Đoàn đại biểu quốc hội thăm và làm việc tại các nước Trung Đông",
     "Chuyến thăm nhằm thúc đẩy hợp tác nghị viện và mở rộng thị trường cho hàng nông sản."),
    ("Liên Hợp Quốc kêu gọi hỗ trợ khẩn cấp cho vùng bị lũ lụt",
     "Hàng trăm nghìn người mất nhà cửa sau những trận mưa lớn kéo dài suốt tuần qua."),
    ("Bầu cử quốc hội: đảng cầm quyền giành đa số ghế",
     "Kết quả sơ bộ cho thấy tỷ lệ cử tri đi bỏ phiếu cao nhất trong hai thập niên."),
    ("Ngoại trưởng hai nước điện đàm về hợp tác song phương",
     "Hai bên nhất trí thúc đẩy trao đổi đoàn cấp cao và hợp tác trong các lĩnh vực kinh tế."),
    ("Tàu hải quân tham gia cuộc tập trận chung quy mô lớn",
     "Cuộc tập trận có sự tham gia của hơn 20 tàu chiến và hàng nghìn binh sĩ."),
    ("Thủ tướng tiếp Đại sứ các nước chào từ biệt kết thúc nhiệm kỳ",
     "Thủ tướng đánh giá cao đóng góp của các Đại sứ đối với quan hệ hữu nghị."),
]
NAMES = ["Minh Phương", "Thanh Hảo", "Đức Anh", "Hải Yến", "Ngọc Lan", "Văn Tùng", "Bảo Châu",
         "Quốc Việt", "Thu Trang", "Hồng Nhung"]
CREDITS = ["Theo Reuters", "Theo AFP", "Theo Guardian", "(Theo Reuters)", "Theo CNN, BBC",
           "Nguồn: AP", "Theo Sputnik", "(Theo Kyodo)", "Theo Bloomberg"]


def fold(w):
    w = unicodedata.normalize("NFD", w.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in w if not unicodedata.combining(c))


def slug_title(url, paras):
    """The headline from the URL's slug ("tinh-bao-my-khong-bat-kip-...-2020...
    .htm"), its accents restored from the words of the text; None if a slug
    word is not in the text."""
    slug = url.rstrip("/").rsplit("/", 1)[-1].split(".")[0]
    words = [w for w in slug.split("-") if w and not w.isdigit()]
    if len(words) < 4:
        return None
    seen = {}
    for p in paras:
        for w in p.split():
            w = w.strip(".,;:!?()\"“”'‘’")
            if w:
                seen.setdefault(fold(w), {}).setdefault(w, 0)
                seen[fold(w)][w] += 1
    out = []
    for i, w in enumerate(words):
        forms = seen.get(w)
        if not forms:
            return None
        best = max(forms.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
        lower = best.lower()
        if lower in forms and forms[lower] * 3 >= forms[best]:
            best = lower
        out.append(best)
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def load_corpus(d, limit):
    arts = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            lines = [l.strip() for l in f.read().split("\n")]
        meta, rest = {}, []
        for l in lines:
            if not rest and l.startswith("#") and "=" in l:
                k, v = l[1:].split("=", 1)
                meta[k.strip()] = v.strip()
            elif l:
                rest.append(l)
        if len(rest) < 4 or "date" not in meta or len(meta["date"]) < 8:
            continue
        dt = meta["date"]
        # a signature / credit at the very end is the page's, not the body's
        while rest and len(rest[-1].split()) <= 6 and rest[-1][-1:] not in ".!?”\"":
            rest.pop()
        # a corpus file whose headline was lost starts with its lead or a
        # photo caption: no page can be made of it
        rest = [p for p in rest if "(Ảnh" not in p and "Ảnh:" not in p and "(Nguồn:" not in p]
        if len(rest) < 4:
            continue
        t = rest[0]
        if t[-1:] in ".:" or not 4 <= len(t.split()) <= 30 or "(" in t:
            # the headline was lost: restore it from the URL's slug
            t = slug_title(meta.get("url", ""), rest)
            if not t:
                continue
            rest = [t] + rest
        if len(rest[1].split()) < 12:
            continue
        # photo captions that the corpus kept in the text are not body
        rest = rest[:2] + [p for p in rest[2:] if "(Ảnh" not in p and "Ảnh:" not in p]
        if len(rest) < 4:
            continue
        h = int(hashlib.sha1(name.encode()).hexdigest(), 16)
        arts.append({
            "id": name[:-4].replace("_", "-"),
            "date": (int(dt[:4]), int(dt[4:6]), int(dt[6:8])),
            "author": NAMES[h % len(NAMES)],
            "credit": CREDITS[(h >> 8) % len(CREDITS)],
            "title": rest[0], "lead": rest[1], "paras": rest[2:],
        })
        if limit and len(arts) >= limit:
            break
    return arts

# ------------------------------------------------------------------ helpers


def esc(s):
    return html.escape(s, quote=True)


def weekday(y, m, d):
    import datetime
    return WEEKDAYS[datetime.date(y, m, d).weekday()]


def hm(art):
    h = int(hashlib.sha1(art["id"].encode()).hexdigest(), 16)
    return 6 + h % 16, (h >> 5) % 60


def pick(art, seq, k, salt=""):
    h = int(hashlib.sha1((art["id"] + salt).encode()).hexdigest(), 16)
    out = []
    for i in range(k):
        out.append(seq[(h + i * 3) % len(seq)])
    return out


def nav(items, cls="nav"):
    return '<ul class="%s">%s</ul>' % (cls, "".join('<li><a href="/%d">%s</a></li>' % (i, esc(s))
                                                    for i, s in enumerate(items)))


def body_html(art, caption_at=1, caption="", inline_related=None, sub_tag="h2"):
    """Paragraphs, short lines as sub-headings, one photo with a caption."""
    out = []
    for i, p in enumerate(art["paras"]):
        if i == caption_at and caption:
            out.append('<figure><img src="/img/%d.jpg" alt=""><figcaption>%s</figcaption></figure>'
                       % (i, esc(caption)))
        if inline_related is not None and i == max(2, len(art["paras"]) // 2):
            out.append(inline_related)
        if len(p.split()) <= 14 and p[-1:] not in ".!?”\":":
            if sub_tag == "pstrong":
                out.append("<p><strong>%s</strong></p>" % esc(p))
            else:
                out.append("<%s>%s</%s>" % (sub_tag, esc(p), sub_tag))
        else:
            out.append("<p>%s</p>" % esc(p))
    return "\n".join(out)


def related(art, heading, n, teasers=True, salt="r", tag="h3"):
    items = []
    for t, s in pick(art, OTHER_TITLES, n, salt):
        if teasers:
            items.append('<li><a href="/x"><img src="/t.jpg" alt="%s"></a><a href="/x">%s</a><p>%s</p></li>'
                         % (esc(t), esc(t), esc(s)))
        else:
            items.append('<li><a href="/x">%s</a></li>' % esc(t))
    return '<div class="related"><%s>%s</%s><ul>%s</ul></div>' % (tag, esc(heading), tag, "".join(items))


def most_read(art, heading="Đọc nhiều", n=5):
    items = "".join('<li><span>%d</span> <a href="/m">%s</a></li>' % (i + 1, esc(t))
                    for i, (t, _) in enumerate(pick(art, OTHER_TITLES, n, "m")))
    return '<aside><h3>%s</h3><ol>%s</ol></aside>' % (esc(heading), items)


def comments(label="Bình luận", n=0):
    return ('<div class="comments"><h3>%s (%d)</h3><form><textarea placeholder="Ý kiến của bạn"></textarea>'
            '<input placeholder="Họ tên"><input placeholder="Email"><button>Gửi bình luận</button></form>'
            '<p>Quy định bình luận</p></div>' % (label, n))


def share():
    return '<div class="share"><a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">Twitter</a> <a href="#">Copy link</a></div>'


def footer(site):
    # the legal lines Vietnamese news sites must show, before the copyright
    return ('<footer><p>Cơ quan chủ quản: Hội Báo Chí Ví Dụ</p><p>Giấy phép hoạt động báo điện tử số 123/GP-BTTTT'
            ' do Bộ Thông tin và Truyền thông cấp ngày 01/06/2017, có hiệu lực trong thời hạn mười năm.</p>'
            '<p>Tổng biên tập: Nguyễn Văn A</p><p>Tòa soạn: Số 1 phố Ví Dụ, Hà Nội. Điện thoại: 024 0000 0000</p>'
            '<p>© 2024 Bản quyền thuộc về Báo %s.</p>'
            '<p><a href="#">Liên hệ quảng cáo</a> | <a href="#">Về đầu trang</a></p></footer>' % esc(site))


def page(title, inner):
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s</title></head>'
            '<body>%s</body></html>' % (esc(title), inner))


def tags(art, label="Từ khóa:"):
    words = [w for w in art["title"].split() if w[:1].isupper()][:4] or ["Thế giới"]
    return '<div class="tags">%s %s</div>' % (esc(label), " ".join('<a href="/tag">%s</a>' % esc(w) for w in words))

# ------------------------------------------------------------------ layouts
# Each returns the HTML page.  Dates: y, m, d and an invented time.


def lay_a(art):  # date line after the title, "(Site) -" lead, byline and credit after the text
    y, m, d = art["date"]
    h, mi = hm(art)
    cap = "Quang cảnh sự kiện. (Ảnh: Reuters)"
    inner = (
        '<header><a href="/">Báo Tin Mới</a>' + nav(SECTIONS[:10]) + "</header>"
        '<div class="bc"><a href="/">Thế giới</a> › <a href="/">Quân sự</a></div>'
        "<h1>%s</h1><div class=\"date\">%s, %02d/%02d/%d - %02d:%02d</div>" % (esc(art["title"]), weekday(y, m, d), d, m, y, h, mi)
        + share()
        + "<p><strong>(Tin Mới) - %s</strong></p>" % esc(art["lead"])
        + body_html(art, 1, cap, inline_related=related(art, "Tin liên quan", 2, salt="ia"))
        + '<p class="author"><strong>%s</strong></p><p>%s</p>' % (esc(art["author"]), esc(art["credit"]))
        + tags(art)
        + related(art, "Tin liên quan", 3)
        + comments()
        + footer("Tin Mới"))
    return page(art["title"], inner)


def lay_b(art):  # today's date in the header, date line before the title, author at the end
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        '<header><a href="/">Tin Nhanh</a> <span>Thứ ba, 8/12/2026</span>' + nav(SECTIONS) + "</header>"
        '<div class="bc"><a href="/">Thế giới</a> / <a href="/">Tư liệu</a></div>'
        "<span class=\"date\">%s, %d/%d/%d, %02d:%02d (GMT+7)</span>" % (weekday(y, m, d), d, m, y, h, mi)
        + "<h1>%s</h1>" % esc(art["title"])
        + "<p class=\"description\">%s</p>" % esc(art["lead"])
        + body_html(art, 2, "Người dân tham gia một sự kiện ở thủ đô hôm 12/3. Ảnh: AFP")
        + '<p style="text-align:right"><strong>%s</strong> (%s)</p>' % (esc(art["author"]), esc(art["credit"].strip("()")))
        + share()
        + most_read(art, "Xem nhiều")
        + '<div class="comments"><h3>Ý kiến (12)</h3><a href="#">Mới nhất</a> <a href="#">Quan tâm nhất</a></div>'
        + related(art, "Tin khác", 4, teasers=False)
        + footer("Tin Nhanh"))
    return page(art["title"], inner)


def lay_c(art):  # "DD/MM/YYYY HH:MM GMT+7" under the title, uppercase author, teaser list
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        nav(["Trang chủ"] + SECTIONS[:8] + ["Video", "Podcast"])
        + "<h1>%s</h1><div>%02d/%02d/%d %02d:%02d GMT+7</div>" % (esc(art["title"]), d, m, y, h, mi)
        + '<div class="share"><span>Chia sẻ</span> <a href="#">Facebook</a> <a href="#">Zalo</a></div>'
        + "<h2 class=\"sapo\">TTM - %s</h2>" % esc(art["lead"])
        + body_html(art, 1, "Lễ đón chính thức được tổ chức tại Phủ Tổng thống. Ảnh: TTXVN", sub_tag="pstrong")
        + "<p><strong>%s</strong></p><p>%s</p>" % (esc(art["author"].upper()), esc(art["credit"]))
        + tags(art, "Từ khóa:")
        + comments("Bình luận", 3)
        + related(art, "Tin cùng chuyên mục", 5)
        + footer("Tin Mới Mỗi Ngày"))
    return page(art["title"], inner)


def lay_d(art):  # breadcrumbs with ">", date before byline before lead, inline related box, "Nguồn:"
    y, m, d = art["date"]
    h, mi = hm(art)
    box = ('<div class="box"><strong>Tin liên quan</strong><ul>%s</ul></div>'
           % "".join('<li><a href="/x">%s</a></li>' % esc(t) for t, _ in pick(art, OTHER_TITLES, 2, "i")))
    inner = (
        most_read(art, "Đọc nhiều", 5)
        + '<div class="bc"><a href="/">Trang chủ</a> &gt; <a href="/">Thế giới</a> &gt; <a href="/">Bình luận quốc tế</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<p>%02d/%02d/%d %02d:%02d (GMT+07:00)</p>" % (d, m, y, h, mi)
        + '<p class="author"><a href="/tg">%s</a></p>' % esc(art["author"])
        + "<p><b>%s</b></p>" % esc(art["lead"])
        + body_html(art, 2, "", inline_related=box)
        + "<p>Nguồn: %s</p>" % esc(art["credit"].replace("Theo ", "").strip("()"))
        + related(art, "Bài viết cùng chuyên mục", 4)
        + footer("Điện Tử Quốc Tế"))
    return page(art["title"], inner)


def lay_e(art):  # "|" breadcrumbs, "Thứ Tư, 06:00, 31/03/2021" before the title, "Name/SITE" credit
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        "<div>Đài Tiếng Nói Ví Dụ</div>" + nav(SECTIONS[:9])
        + '<div class="bc"><a href="/">Thế giới</a> | <a href="/">Quân sự</a></div>'
        + "<div>%s, %02d:%02d, %02d/%02d/%d</div>" % (weekday(y, m, d).replace("Thứ", "Thứ").title(), h, mi, d, m, y)
        + "<h1>%s</h1>" % esc(art["title"])
        + "<p>VDO.VN - %s</p>" % esc(art["lead"])
        + body_html(art, 1, "Ảnh minh họa: Reuters")
        + "<p><b>%s/VDO.VN</b> %s</p>" % (esc(art["author"]), esc(art["credit"]))
        + related(art, "Tin liên quan", 3)
        + '<div>Theo dõi VDO.VN trên <a href="#">Google News</a></div>'
        + comments("Gửi bình luận")
        + footer("Đài Tiếng Nói Ví Dụ"))
    return page(art["title"], inner)


def lay_f(art):  # "ngày 31 tháng 3 năm 2021" after the title, byline before the text, "(Theo X)" at the end
    y, m, d = art["date"]
    h, mi = hm(art)
    cred = art["credit"] if art["credit"].startswith("(") else "(%s)" % art["credit"]
    inner = (
        '<div class="top"><a href="/">Đăng nhập</a> <a href="/">Đăng ký</a></div>'
        + nav(["Chính trị", "Kinh tế", "Văn hóa", "Xã hội", "Pháp luật", "Thế giới", "Du lịch"])
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>%s, ngày %d tháng %d năm %d %02d:%02d</div>" % (weekday(y, m, d), d, m, y, h, mi)
        + "<p>%s</p>" % esc(art["author"].upper())
        + "<p><em>%s</em></p>" % esc(art["lead"])
        + body_html(art, 1, "Toàn cảnh phiên họp. (Ảnh: TTXVN)")
        + "<p>%s</p>" % esc(cred)
        + related(art, "Xem thêm", 4, teasers=False)
        + tags(art, "Tags:")
        + footer("Nhân Dân Ví Dụ"))
    return page(art["title"], inner)


def lay_g(art):  # byline and "HH:MM | DD/MM/YYYY" under the title, update line, follow line, comment form
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        nav(SECTIONS[:11]) + '<div class="bc"><a href="/">Thế giới</a> » <a href="/">Kinh tế thế giới</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div><a href=\"/a\">%s</a></div><div>%02d:%02d | %02d/%02d/%d</div>" % (esc(art["author"]), h, mi, d, m, y)
        + "<div>Cập nhật: %02d/%02d/%d %02d:%02d</div>" % (d, m, y, (h + 2) % 24, mi)
        + share()
        + "<p><strong>%s</strong></p>" % esc(art["lead"])
        + body_html(art, 2, "Một góc thành phố trong ngày hội nghị khai mạc. (Ảnh: AP)")
        + "<p>%s</p>" % esc(art["credit"])
        + '<div>Theo dõi Tin Nhanh trên Google News</div>'
        + related(art, "Tin liên quan", 3)
        + comments("Bình luận", 0)
        + most_read(art, "Tin mới nhất", 6)
        + footer("Tin Nhanh Ví Dụ"))
    return page(art["title"], inner)


def lay_h(art):  # "»" breadcrumbs, "Name |" byline, "Thứ Tư, 31/03/2021 09:03 (GMT+7)", sidebars after
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        "<div>Hotline: 0900 000 000</div>" + nav(["Trang chủ"] + SECTIONS[:7])
        + '<div class="bc"><a href="/">Trang chủ</a> » <a href="/">Thế giới</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>%s | %s, %02d/%02d/%d %02d:%02d (GMT+7)</div>" % (esc(art["author"]), weekday(y, m, d), d, m, y, h, mi)
        + "<p><b>%s</b></p>" % esc(art["lead"])
        + body_html(art, 1, "Lực lượng cứu hộ làm nhiệm vụ. Ảnh: Xinhua")
        + "<p>%s</p>" % esc(art["credit"])
        + '<div><a href="#">Chia sẻ</a> <a href="#">Bình luận</a> <a href="#">In bài</a></div>'
        + related(art, "Tin mới nhất", 4)
        + most_read(art, "Đọc nhiều nhất", 5)
        + footer("Lao Động Ví Dụ"))
    return page(art["title"], inner)


def lay_i(art):  # "Cập nhật lúc 09:03 31-03-2021" line, "Tác giả:" label, "Tin cùng chuyên mục" with dates
    y, m, d = art["date"]
    h, mi = hm(art)
    rel = "".join('<li><a href="/x">%s</a> <span>(%02d/%02d/%d)</span></li>' % (esc(t), d, m, y)
                  for t, _ in pick(art, OTHER_TITLES, 4, "c"))
    inner = (
        nav(SECTIONS[:6] + ["Tiếng Anh", "Tiếng Trung"])
        + '<div class="bc"><a href="/">Quốc tế</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>Cập nhật lúc %02d:%02d %02d-%02d-%d</div>" % (h, mi, d, m, y)
        + "<p><strong>%s</strong></p>" % esc(art["lead"])
        + body_html(art, 1, "Hiện trường vụ việc (Ảnh: Reuters)")
        + "<p>Tác giả: %s</p><p>%s</p>" % (esc(art["author"]), esc(art["credit"]))
        + '<div class="related"><h3>Tin cùng chuyên mục</h3><ul>%s</ul></div>' % rel
        + comments("Ý kiến bạn đọc", 2)
        + footer("An Ninh Ví Dụ"))
    return page(art["title"], inner)


def lay_j(art):  # "Name · HH:MM DD/M/YYYY" under the title, lead, "Đọc tiếp" teasers, tag line
    y, m, d = art["date"]
    h, mi = hm(art)
    inner = (
        nav(["Mới nhất"] + SECTIONS[:9])
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>%s · %02d:%02d %d/%d/%d</div>" % (esc(art["author"]), h, mi, d, m, y)
        + "<p>%s</p>" % esc(art["lead"])
        + body_html(art, 2, "Tàu tuần tra trên biển. Ảnh: Reuters")
        + "<p><em>%s</em></p>" % esc(art["credit"])
        + tags(art, "Chủ đề:")
        + related(art, "Có thể bạn quan tâm", 4)
        + comments("Bình luận", 1)
        + footer("Zét Ví Dụ"))
    return page(art["title"], inner)


# Layouts k and l were written after the extractor's rules, with furniture
# of their own (labels, date forms, boxes) that no other layout uses: the
# harder held-out check.
MAG_LINKS = ["Chính trị", "Kinh tế", "Quốc tế", "Văn hóa", "Quốc phòng", "Đối ngoại", "Bạn đọc"]
NEWER = [("Thủ tướng dự hội nghị cấp cao khu vực tại thủ đô nước bạn", "(30/03/2021)"),
         ("Tăng cường hợp tác kinh tế giữa các địa phương hai nước", "(29/03/2021)"),
         ("Đại hội đồng thông qua nghị quyết về an ninh lương thực", "(28/03/2021)")]


def lay_k(art):  # magazine: "|" menu line, "Đăng lúc:" date, "Bài và ảnh:", font-size tools, ads, table caption
    y, m, d = art["date"]
    h, mi = hm(art)
    xem = pick(art, OTHER_TITLES, 1, "k")[0][0]
    paras = []
    for i, p in enumerate(art["paras"]):
        if i == 1:
            paras.append('<table class="image"><tr><td><img src="/a.jpg"></td></tr><tr><td>Toàn cảnh buổi làm việc'
                         ' giữa hai đoàn (Ảnh: TTXVN)</td></tr></table>')
        if i == 2:
            paras.append('<div class="ads"><span>Quảng cáo</span></div>')
        if i == 3:
            paras.append('<p><strong>Xem thêm:</strong> <a href="/x">%s</a></p>' % esc(xem))
        if len(p.split()) <= 14 and p[-1:] not in ".!?”\":":
            paras.append("<h3>%s</h3>" % esc(p))
        else:
            paras.append("<p>%s</p>" % esc(p))
    inner = (
        '<div><a href="#">Đăng nhập</a> | <a href="#">Đăng ký</a> | <a href="#">English</a></div>'
        + "<div>TẠP CHÍ VÍ DỤ</div>"
        + "<div>" + " | ".join('<a href="/">%s</a>' % esc(x) for x in MAG_LINKS) + "</div>"
        + '<div><a href="/">Quốc tế</a> / <a href="/">Điểm nóng</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>Đăng lúc: %02d:%02d - %02d/%02d/%d</div>" % (h, mi, d, m, y)
        + "<div>Bài và ảnh: %s</div>" % esc(art["author"])
        + '<div>Cỡ chữ <a href="#">A-</a> <a href="#">A</a> <a href="#">A+</a> <a href="#">In bài</a> <a href="#">Gửi email</a></div>'
        + '<p class="sapo"><em>%s</em></p>' % esc(art["lead"])
        + "\n".join(paras)
        + "<p><b>%s</b><br>%s@tapchividu.vn</p>" % (esc(art["author"]), fold(art["author"]).replace(" ", ""))
        + "<p>%s</p>" % esc(art["credit"])
        + "<p><i>Ghi rõ nguồn \"Tạp chí Ví Dụ\" khi phát hành lại thông tin từ website này.</i></p>"
        + "<h4>Cùng chủ đề</h4><ul>%s</ul>" % "".join('<li><a href="/n">%s</a> %s</li>' % (esc(t), dt) for t, dt in NEWER)
        + "<h4>Tin nổi bật</h4>" + "".join('<div><a href="/t"><b>%s</b></a><p>%s</p></div>' % (esc(t), esc(sm))
                                            for t, sm in pick(art, OTHER_TITLES, 3, "kk"))
        + "<footer><p>Cơ quan chủ quản: Hội Ví Dụ Việt Nam</p><p>Tổng biên tập: Nguyễn Văn A</p>"
        "<p>Địa chỉ: 12 phố Mẫu, Hà Nội - Email: toasoan@tapchividu.vn</p></footer>")
    return page(art["title"], inner)


def lay_l(art):  # portal: sidebar first, "Thứ Tư, 31/3/2021 | 09:03 AM", pull quote, "Tin mới hơn"/"Tin cũ hơn"
    y, m, d = art["date"]
    h, mi = hm(art)
    quote = next((p for p in art["paras"] if len(p.split()) > 20), art["paras"][0])
    first_sentence = quote.split(". ")[0].rstrip(".") + "."
    paras = []
    for i, p in enumerate(art["paras"]):
        paras.append("<p>%s</p>" % esc(p) if len(p.split()) > 14 or p[-1:] in ".!?”\"" else "<h2>%s</h2>" % esc(p))
        if i == 1:
            paras.append("<blockquote>%s</blockquote>" % esc(first_sentence))
    inner = (
        '<aside><h3>Chuyên mục</h3><ul>%s</ul><h3>Video nổi bật</h3><ul>%s</ul></aside>'
        % ("".join('<li><a href="/">%s</a></li>' % esc(x) for x in MAG_LINKS),
           "".join('<li><a href="/v">%s</a></li>' % esc(t) for t, _ in pick(art, OTHER_TITLES, 3, "v")))
        + '<div><a href="/">Trang chủ</a> » <a href="/">Quốc tế</a></div>'
        + "<h1>%s</h1>" % esc(art["title"])
        + "<div>%s, %d/%d/%d | %02d:%02d %s</div>" % (weekday(y, m, d), d, m, y, h % 12 or 12, mi, "AM" if h < 12 else "PM")
        + '<div>Chia sẻ bài viết: <a href="#">f</a> <a href="#">t</a></div>'
        + "<h2>%s</h2>" % esc(art["lead"])
        + "\n".join(paras)
        + "<p style=\"text-align:right\"><b>%s</b> (theo %s)</p>" % (esc(art["author"]), esc(art["credit"].replace("Theo ", "").strip("()")))
        + "<h3>Bình luận của bạn</h3><form><textarea></textarea><button>Gửi</button></form>"
        "<p>Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận.</p>"
        + "<h3>Tin mới hơn</h3><ul>%s</ul>" % "".join('<li><a href="/n">%s</a></li>' % esc(t) for t, _ in NEWER)
        + "<h3>Tin cũ hơn</h3><ul>%s</ul>" % "".join('<li><a href="/o">%s</a></li>' % esc(t)
                                                  for t, _ in pick(art, OTHER_TITLES, 3, "o"))
        + "<footer><p>Bản quyền © Cổng thông tin Ví Dụ. Ghi rõ nguồn khi trích dẫn.</p></footer>")
    return page(art["title"], inner)


LAYOUTS = {"a": lay_a, "b": lay_b, "c": lay_c, "d": lay_d, "e": lay_e, "f": lay_f, "g": lay_g,
           "h": lay_h, "i": lay_i, "j": lay_j, "k": lay_k, "l": lay_l}

# ---------------------------------------------------------------- renderers


def run(cmd, data):
    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
    return p.stdout.decode("utf-8", "replace")


def r_w3m(path, data):
    return run(["w3m", "-dump", "-cols", "2000", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"], data)


def r_lynx(path, data):
    return run(["lynx", "-dump", "-nolist", "-width=1024", "-assume_charset=utf-8",
                "-display_charset=utf-8", "-stdin"], data)


def r_html2text(path, data):
    return run(["html2text", "-utf8", "-nobs", "-width", "2000"], data)


class Chromium:
    """innerText by Chromium headless: the page with a script that replaces
    the document by its innerText in a <pre>, dumped with --dump-dom."""

    def __call__(self, path, data):
        script = (b"<script>var t=document.body.innerText;document.body.innerHTML='';"
                  b"var p=document.createElement('pre');p.id='innertext';p.textContent=t;"
                  b"document.body.appendChild(p);</script></body>")
        page_ = data.replace(b"</body>", script)
        with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as f:
            f.write(page_)
            tmp = f.name
        try:
            out = run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                       "file://" + tmp], b"")
        finally:
            os.unlink(tmp)
        i = out.find('<pre id="innertext">')
        j = out.rfind("</pre>")
        if i < 0 or j < i:
            return ""
        return html.unescape(out[i + len('<pre id="innertext">'):j])


def r_w3m80(path, data):  # the default 80 columns: paragraphs hard-wrapped
    return run(["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"], data)


def r_lynx80(path, data):
    return run(["lynx", "-dump", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"], data)


def r_html2text80(path, data):  # its default 79 columns
    return run(["html2text", "-utf8", "-nobs"], data)


RENDERERS = {"html2text80": r_html2text80, "w3m80": r_w3m80, "lynx80": r_lynx80, "w3m": r_w3m, "lynx": r_lynx, "html2text": r_html2text, "chromium": Chromium()}


def gold(art):
    y, m, d = art["date"]
    lines = ["title\t" + art["title"], "date\t%04d-%02d-%02d" % (y, m, d), "para\t" + art["lead"]]
    lines += ["para\t" + p for p in art["paras"]]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus")
    ap.add_argument("--fixtures", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--renderers", default="w3m,lynx,html2text")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--max", type=int, default=0, help="articles at most (0: all)")
    ap.add_argument("--chromium-max", type=int, default=0,
                    help="render at most N articles per layout with chromium (3 s a page), 0: all")
    ap.add_argument("--jobs", type=int, default=4, help="renderer processes at once")
    ap.add_argument("--per-layout", type=int, default=0,
                    help="with --fixtures: articles per layout (rotating), 0: all")
    a = ap.parse_args()
    if a.fixtures:
        arts = FIXTURES
    elif a.corpus:
        arts = load_corpus(a.corpus, a.max)
    else:
        ap.error("give --corpus DIR or --fixtures")
    rends = [r for r in a.renderers.split(",") if r]
    for r in rends:
        if r not in RENDERERS:
            ap.error("unknown renderer " + r)
        exe = r[:-2] if r.endswith("80") else r
        if not shutil.which(exe):
            sys.exit("gen_layouts: %s is not installed" % exe)
    os.makedirs(a.out, exist_ok=True)
    jobs = []
    for li, lay in enumerate(a.layouts.split(",")):
        chosen = arts
        if a.per_layout:
            chosen = [arts[(li + k) % len(arts)] for k in range(a.per_layout)]
        for k, art in enumerate(chosen):
            data = LAYOUTS[lay](art).encode("utf-8")
            for r in rends:
                if r == "chromium" and a.chromium_max and k >= a.chromium_max:
                    continue
                jobs.append((lay, r, art, data))

    def render(job):
        lay, r, art, data = job
        text = RENDERERS[r](None, data)
        base = os.path.join(a.out, "%s__%s__%s" % (lay, r, art["id"]))
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write(text)
        with open(base + ".gold", "w", encoding="utf-8") as f:
            f.write(gold(art))

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        list(ex.map(render, jobs))
    n = len(jobs)
    print("gen_layouts: %d pages (%d articles, layouts %s, renderers %s) in %s"
          % (n, len(arts), a.layouts, ",".join(rends), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
