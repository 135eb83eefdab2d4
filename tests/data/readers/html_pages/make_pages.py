#!/usr/bin/env python3
"""Builds the HTML main-text test set: real Debian text in realistic page templates.

Usage: make_pages.py [OUT_DIR]   (default: the folder of this script)

The main text of every page is real: sections of the debian-handbook (Debian package
debian-handbook, several languages, with their tip boxes, <pre> examples and tables) and man
pages (man-db's rendering of apt-get(8) and ls(1)). Each is wrapped in a template of the kind
crawls are full of: a WordPress blog (menu, byline, share buttons, related posts, a comment
thread, widgets), an ASP.NET news site (a <form> around the whole page, a breaking-news
ticker, a "page-content and-w-sidebar" wrapper, "more stories" teasers, a cookie banner), a
Sphinx documentation page (footnotes in <aside>), a page whose preamble sits in <header>, the
handbook's own page, a man-page site, and a magazine whose teaser cards carry no telling class.

Writes, for each page NAME: NAME.html; NAME.gold.txt, the main text (one block a line, from
Python's html.parser over the content alone, independent of tamis); and one manifest.tsv of
what the tests pin: page, pattern, keep|drop, fragment (whitespace-collapsed text that must
appear in, or be absent from, the extracted text). Deterministic: the same packages give the
same bytes.
"""

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

HANDBOOK = "/usr/share/doc/debian-handbook/html"

BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul",
    "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "pre", "blockquote", "h1",
    "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "br", "hr", "address",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr"}


def collapse(text):
    return " ".join(text.split())


class Blocks(HTMLParser):
    """Text of an HTML fragment as blocks, each with the classes of the elements around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (text, set of context words)
        self.stack = []
        self.current = []

    def context(self):
        words = set()
        for tag, cls in self.stack:
            words.add(tag)
            words.update(cls.split())
        return words

    def flush(self):
        text = "".join(self.current)
        self.current = []
        if "pre" in {t for t, _ in self.stack}:
            for line in text.split("\n"):
                if line.strip():
                    self.blocks.append((line.strip(), self.context()))
        elif text.strip():
            self.blocks.append((collapse(text), self.context()))

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
        if tag not in VOID:
            a = dict(attrs)
            self.stack.append((tag, (a.get("class") or "") + " " + (a.get("id") or "")))

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.current.append(data)


def blocks_of(fragment):
    parser = Blocks()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.blocks


class Spans(HTMLParser):
    """Offsets of the first element with a given class, and of its direct children."""

    def __init__(self, source, cls):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.cls = cls
        self.depth = 0  # Depth inside the element found, 0 before and after.
        self.start = self.end = None
        self.children = []

    def position(self):
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self.end is not None:
            return
        if self.depth == 0 and self.start is None and self.cls in (dict(attrs).get("class") or "").split():
            self.start = self.position()
            self.depth = 1
            return
        if self.depth > 0 and tag not in VOID:
            if self.depth == 1:
                self.children.append([self.position(), None])
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth == 0 or self.end is not None or tag in VOID:
            return
        self.depth -= 1
        # getpos() is where the end tag starts; it ends at the next '>'.
        end = self.source.find(">", self.position()) + 1
        if self.depth == 1:
            self.children[-1][1] = end
        if self.depth == 0:
            self.end = end


def handbook_section(lang, page):
    """The first div.section of a handbook page: its HTML, and its direct children."""
    path = os.path.join(HANDBOOK, lang, page + ".html")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    spans = Spans(source, "section")
    spans.feed(source)
    spans.close()
    fragment = source[spans.start:spans.end]
    children = [source[a:b] for a, b in spans.children if b is not None]
    title = html.unescape(re.search(r"<title[^>]*>(.*?)</title>", source, re.S).group(1))
    return source, fragment, children, collapse(title)


def man_page(name, section, max_blocks):
    """A man page as HTML (man-db's text rendering: headings, paragraphs, term lists)."""
    env = dict(os.environ, MANWIDTH="5000", LANG="C.UTF-8", GROFF_NO_SGR="1")
    text = subprocess.run(["man", "-P", "cat", section, name], env=env, check=True,
                          capture_output=True, text=True).stdout
    text = re.sub(r".\x08", "", text)
    out = []
    lines = [l.rstrip() for l in text.split("\n")][1:]  # The header line is page furniture.
    count = 0
    in_dl = False
    for line in lines:
        if not line.strip() or count >= max_blocks:
            continue
        indent = len(line) - len(line.lstrip())
        content = html.escape(line.strip(), quote=False)
        if indent == 0:
            if line.strip().startswith(name.upper() + "("):
                continue  # The footer line.
            if in_dl:
                out.append("</dl>")
                in_dl = False
            out.append(f"<h2>{content}</h2>")
        elif indent <= 7 and len(line.strip()) < 60 and not line.strip().endswith("."):
            if not in_dl:
                out.append("<dl>")
                in_dl = True
            out.append(f"<dt>{content}</dt>")
        elif indent > 7 and in_dl:
            out.append(f"<dd>{content}</dd>")
        else:
            if in_dl:
                out.append("</dl>")
                in_dl = False
            out.append(f"<p>{content}</p>")
        count += 1
    if in_dl:
        out.append("</dl>")
    return "\n".join(out)


def titles(lang, pages):
    return [handbook_section(lang, p)[3] for p in pages]


def first_sentences(lang, pages):
    """The first paragraph of each page: real prose for comments, teasers and widgets."""
    result = []
    for p in pages:
        for text, context in blocks_of(handbook_section(lang, p)[1]):
            if "para" in context and len(text.split()) >= 15 and "sidebar" not in context:
                result.append(text)
                break
    return result


def links(items, href="#"):
    return "".join(f'<li><a href="{href}{i}">{html.escape(t)}</a></li>' for i, t in enumerate(items))


def page_head(title_html, lang, extra=""):
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{title_html}</title>"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="/static/site.css">{extra}'
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
            " gtag('js', new Date());</script></head>\n")


COOKIE = ("We use cookies to remember your preferences and to measure how this site is used. "
          "By continuing to browse, you agree to our use of cookies.")
NEWSLETTER = "Get the best Debian tips in your inbox every week, no spam."
SHARE = ["Share on Mastodon", "Share on Facebook", "Share by email", "Print this page"]


def wordpress(content, title, lang, other_titles, prose):
    comments = "".join(
        f'<li id="comment-{i}" class="comment even thread-even depth-1">'
        f'<article id="div-comment-{i}" class="comment-body"><footer class="comment-meta">'
        f'<div class="comment-author vcard"><b class="fn">{who}</b> <span class="says">says:</span></div>'
        f'<div class="comment-metadata"><a href="#comment-{i}"><time datetime="2023-05-0{i+1}">May {i+1}, 2023 at 9:1{i} am</time></a></div>'
        f'</footer><div class="comment-content"><p>{html.escape(text)}</p></div>'
        f'<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></article></li>'
        for i, (who, text) in enumerate(zip(["Ingrid", "Mateo", "Yusuf"], prose[:3])))
    body = f"""<body class="post-template-default single single-post">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Debian Corner</a></p>
<p class="site-description">Notes from a system administrator</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{links(["Home", "Tutorials", "Packaging", "About"])}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-42" class="post-42 post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{html.escape(title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2023-05-01T08:00:00+00:00">May 1, 2023</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/admin/">admin</a></span></span></div></header>
<div class="entry-content">{content}</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/tutorials/">Tutorials</a></span>
<span class="tags-links">Tagged <a href="/tag/debian/">debian</a>, <a href="/tag/shell/">shell</a></span></footer></article>
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3>
<ul>{links(SHARE)}</ul></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items">{"".join(f'<div class="jp-relatedposts-post"><h4><a href="/p/{i}">{html.escape(t)}</a></h4><p>{html.escape(p[:140])}</p></div>' for i, (t, p) in enumerate(zip(other_titles[:3], prose[3:6])))}</div></div>
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><a href="/prev" rel="prev">{html.escape(other_titles[3])}</a><a href="/next" rel="next">{html.escape(other_titles[4])}</a></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on &ldquo;{html.escape(title)}&rdquo;</h2>
<ol class="comment-list">{comments}</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input type="submit" value="Post Comment"></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" class="search-form"><label>Search for:<input type="search" class="search-field"></label><input type="submit" value="Search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{links(other_titles[5:9])}</ul></section>
<section id="text-3" class="widget widget_text"><h2 class="widget-title">About this blog</h2><div class="textwidget"><p>{html.escape(prose[6])}</p></div></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a></div></footer></div>
<script src="/wp-includes/js/wp-embed.min.js"></script></body></html>"""
    head = page_head(html.escape(title) + " &#8211; Debian Corner", lang,
                     '<meta name="author" content="admin"><meta property="article:published_time" content="2023-05-01T08:00:00+00:00">')
    drops = [("comment_thread", prose[0]), ("comment_thread", prose[1]), ("comment_meta", "says:"),
             ("related_posts", other_titles[0]), ("related_posts", prose[3][:60]),
             ("share_block", "Share this:"), ("share_block", SHARE[0]), ("nav_menu", "Tutorials"),
             ("post_navigation", other_titles[3]), ("sidebar_widget", "Recent Posts"),
             ("sidebar_widget", other_titles[5]), ("sidebar_widget", prose[6][:60]),
             ("comment_form", "Leave a Reply"), ("byline", "Posted on"),
             ("footer", "Proudly powered by WordPress"), ("skip_link", "Skip to content")]
    return head + body, drops


def news_form(content, title, lang, other_titles, prose):
    teasers = "".join(
        f'<div class="story-card"><div class="story-card__body"><h3 class="story-card__title"><a href="/news/{i}">{html.escape(t)}</a></h3>'
        f'<p class="story-card__summary">{html.escape(p)}</p></div></div>'
        for i, (t, p) in enumerate(zip(other_titles[:4], prose[:4])))
    ticker = "".join(f'<li><a href="/live/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(other_titles[4:7]))
    body = f"""<body>
<form method="post" action="./article.aspx?id=8812" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk"></div>
<div class="breaking-news-ticker"><span class="label">Breaking</span><ul>{ticker}</ul></div>
<div class="header-wrap"><div class="logo"><a href="/">The Debian Times</a></div>
<ul class="topnav">{links(["World", "Technology", "Free Software", "Opinion", "Events"])}</ul></div>
<div class="page-content and-w-sidebar">
<div class="article-header"><h1>{html.escape(title)}</h1><p class="byline">By <a href="/staff/rh">Staff reporter</a> | <span class="date">12 March 2024</span></p></div>
<div class="article-body">{content}</div>
<div class="sidebar"><div class="most-read"><h2>Most read</h2><ol>{links(other_titles[7:11])}</ol></div></div>
</div>
<div class="more-stories"><h2>More stories</h2>{teasers}</div>
<div id="newsletter-signup"><h2>Newsletter</h2><p>{NEWSLETTER}</p><input type="email" placeholder="Your email"><input type="submit" value="Subscribe"></div>
<div id="cookie-consent" class="cookie-banner"><p>{COOKIE}</p><a href="/privacy">Privacy policy</a> <input type="button" value="Accept"></div>
<div class="footer"><p>&copy; 2024 The Debian Times. All rights reserved.</p><ul>{links(["Contact", "Advertise", "Terms of use"])}</ul></div>
</form></body></html>"""
    head = page_head(html.escape(title) + " | The Debian Times", lang, '<meta name="author" content="Staff reporter">')
    drops = [("ticker", other_titles[4]), ("ticker", "Breaking"), ("teasers", other_titles[0]),
             ("teasers", prose[0][:60]), ("teasers", prose[2][:60]), ("teasers", "More stories"),
             ("sidebar_list", "Most read"), ("sidebar_list", other_titles[7]),
             ("newsletter", NEWSLETTER), ("cookie_banner", COOKIE[:60]), ("nav_menu", "Free Software"),
             ("footer", "All rights reserved"), ("byline", "Staff reporter")]
    return head + body, drops


def sphinx(content, title, lang, other_titles, prose, footnote):
    body = f"""<body>
<div class="related" role="navigation" aria-label="related navigation"><h3>Navigation</h3><ul>
<li class="right"><a href="genindex.html" title="General Index">index</a></li><li class="right"><a href="next.html">next</a> |</li>
<li class="right"><a href="prev.html">previous</a> |</li><li class="nav-item nav-item-0"><a href="index.html">Debian Notes 1.0 documentation</a> &#187;</li></ul></div>
<div class="document"><div class="documentwrapper"><div class="bodywrapper"><div class="body" role="main">
{content}
<aside class="footnote-list brackets"><aside class="footnote brackets" id="id3" role="note"><span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id1">1</a><span class="fn-bracket">]</span></span>
<p>{footnote}</p></aside></aside>
</div></div></div>
<div class="sphinxsidebar" role="navigation" aria-label="main navigation"><div class="sphinxsidebarwrapper">
<h3><a href="index.html">Table of Contents</a></h3><ul>{links(other_titles[:5])}</ul>
<div role="note" aria-label="source link"><h3>This Page</h3><ul class="this-page-menu"><li><a href="_sources/page.rst.txt" rel="nofollow">Show Source</a></li></ul></div>
<div id="searchbox" role="search"><h3 id="searchlabel">Quick search</h3><div class="searchformwrapper"><form class="search" action="search.html" method="get"><input type="text" name="q"><input type="submit" value="Go"></form></div></div>
</div></div><div class="clearer"></div></div>
<div class="footer" role="contentinfo">&#169; Copyright 2024, Debian Notes contributors. Created using <a href="https://www.sphinx-doc.org/">Sphinx</a> 5.3.0.</div>
</body></html>"""
    drops = [("related_nav", "Debian Notes 1.0 documentation"), ("sidebar_toc", other_titles[0]),
             ("sidebar_toc", "Show Source"), ("search_box", "Quick search"),
             ("footer", "Created using")]
    return page_head(html.escape(title) + " &#8212; Debian Notes 1.0 documentation", lang) + body, drops


def preamble(children, title, lang, other_titles, prose, cut):
    head_part = "".join(children[:cut])
    rest = "".join(children[cut:])
    body = f"""<body>
<nav class="site-nav"><ul>{links(["Home", "Library", "Translations", "Contact"])}</ul></nav>
<header><h1>{html.escape(title)}</h1>{head_part}</header>
<main><article>{rest}</article></main>
<footer><p>Published by the Debian Documentation Project. Text under the GNU GPL.</p><ul>{links(["Privacy", "Imprint"])}</ul></footer>
</body></html>"""
    drops = [("nav_menu", "Translations"), ("footer", "Published by the Debian Documentation Project")]
    return page_head(html.escape(title), lang) + body, drops


def man_site(content, name, lang, other_titles):
    sections = [collapse(t) for t, c in blocks_of(content) if "h2" in c]
    toc = "".join(f'<li><a href="#{i}">{html.escape(s)}</a></li>' for i, s in enumerate(sections))
    body = f"""<body>
<div id="header"><div id="upperheader"><div id="logo"><a href="/">Debian</a></div><p class="section"><a href="/">MANPAGES</a></p></div>
<div id="navbar"><p class="hidecss"><a href="#content">Skip Quicknav</a></p><ul><li><a href="/">Home</a></li><li><a href="/about.html">About Manpages</a></li><li><a href="/contents.html">Packages</a></li></ul></div>
<div id="breadcrumbs"><a href="/">bookworm</a> &#187; <a href="/apt">apt</a> &#187; <a href="/{name}">{name}</a></div></div>
<div id="content">
<div class="paneljump"><a href="#panels">Scroll to navigation</a></div>
<div class="manual">{content}</div>
<div class="paneljump"><a href="#top">Back to top</a></div>
<div id="panels" class="sidebar"><div class="panel" role="complementary"><div class="panel-heading" role="heading">Table of contents</div><ul class="toc">{toc}</ul></div>
<div class="panel"><div class="panel-heading">other versions</div><ul class="list-group"><li><a href="/buster/{name}">buster 1.8.2.3-1</a></li><li><a href="/bullseye/{name}">bullseye 2.2.4-1</a></li><li><a href="/trixie/{name}">trixie 2.9.8-1</a></li></ul></div>
<div class="panel"><div class="panel-heading">other languages</div><ul class="list-group"><li><a href="/de/{name}">Deutsch</a></li><li><a href="/fr/{name}">fran&#231;ais</a></li></ul></div></div>
</div>
<div id="footer"><p>Source file: {name}.gz (from apt 2.6.1), converted for the web. Please report bugs in the Debian bug tracker.</p></div>
</body></html>"""
    drops = [("breadcrumbs", "MANPAGES"), ("nav_menu", "About Manpages"), ("sidebar_toc", "Table of contents"),
             ("sidebar_versions", "other versions"), ("sidebar_versions", "bullseye 2.2.4-1"),
             ("jump_links", "Scroll to navigation"), ("footer", "converted for the web")]
    return page_head(f"{name} — Debian Manpages", lang) + body, drops


def magazine(content, title, lang, other_titles, prose):
    cards = "".join(
        f'<div class="card"><a href="/read/{i}"><img src="/img/{i}.jpg" alt=""><h3>{html.escape(t)}</h3></a>'
        f'<p>{html.escape(p)}</p><a class="more" href="/read/{i}">Continue reading</a></div>'
        for i, (t, p) in enumerate(zip(other_titles[:4], prose[:4])))
    body = f"""<body><div class="top"><a href="/" class="brand">Linux Weekly Digest</a>
<div class="links"><a href="/latest">Latest</a> <a href="/howto">How-to</a> <a href="/reviews">Reviews</a> <a href="/login">Log in</a></div></div>
<div class="grid"><div class="col col-8"><div class="rich"><h1>{html.escape(title)}</h1>{content}</div></div>
<div class="col col-4"><h4>You may also like</h4>{cards}</div></div>
<div class="bottom">Linux Weekly Digest is an independent publication. Contact the editors at editors@example.org.</div></body></html>"""
    drops = [("teaser_cards", other_titles[1]), ("teaser_cards", prose[1][:60]),
             ("teaser_cards", "Continue reading"), ("top_links", "Log in"),
             ("bottom_line", "independent publication")]
    return page_head(html.escape(title) + " - Linux Weekly Digest", lang) + body, drops


def readthedocs(content, title, lang, other_titles):
    body = f"""<body class="wy-body-for-nav"><div class="wy-grid-for-nav">
<nav data-toggle="wy-nav-shift" class="wy-nav-side"><div class="wy-side-scroll"><div class="wy-side-nav-search">
<a href="index.html" class="icon icon-home">Debian Admin Notes</a><div role="search"><form id="rtd-search-form" class="wy-form" action="search.html" method="get"><label for="q">Search docs</label><input type="text" id="q" name="q"></form></div></div>
<div class="wy-menu wy-menu-vertical" data-spy="affix" role="navigation" aria-label="Navigation menu"><p class="caption" role="heading"><span class="caption-text">Contents</span></p>
<ul class="current">{links(other_titles[:6])}</ul></div></div></nav>
<section data-toggle="wy-nav-shift" class="wy-nav-content-wrap"><nav class="wy-nav-top" aria-label="Mobile navigation menu"><a href="index.html">Debian Admin Notes</a></nav>
<div class="wy-nav-content"><div class="rst-content">
<div role="navigation" aria-label="Page navigation"><ul class="wy-breadcrumbs"><li><a href="index.html" class="icon icon-home" aria-label="Home"></a></li><li class="breadcrumb-item active">{html.escape(title)}</li>
<li class="wy-breadcrumbs-aside"><a href="_sources/page.rst.txt" rel="nofollow">View page source</a></li></ul><hr></div>
<div role="main" class="document" itemscope="itemscope" itemtype="http://schema.org/Article"><div itemprop="articleBody">
{content}
</div></div>
<footer><div class="rst-footer-buttons" role="navigation" aria-label="Footer"><a href="prev.html" class="btn btn-neutral float-left" title="{html.escape(other_titles[6])}" accesskey="p" rel="prev">Previous</a>
<a href="next.html" class="btn btn-neutral float-right" title="{html.escape(other_titles[7])}" accesskey="n" rel="next">Next</a></div><hr>
<div role="contentinfo"><p>&#169; Copyright 2024, the Debian Admin Notes authors.</p></div>
Built with <a href="https://www.sphinx-doc.org/">Sphinx</a> using a <a href="https://github.com/readthedocs/sphinx_rtd_theme">theme</a> provided by <a href="https://readthedocs.org">Read the Docs</a>.
</footer></div></div></section></div></body></html>"""
    drops = [("sidebar_toc", other_titles[0]), ("search_box", "Search docs"),
             ("breadcrumbs", "View page source"), ("footer", "Built with Sphinx"),
             ("footer", "Copyright 2024, the Debian Admin Notes authors")]
    return page_head(html.escape(title) + " &mdash; Debian Admin Notes documentation", lang) + body, drops


def mail_archive(message, subject, other_titles):
    """A mailing-list archive page (MHonArc/pipermail style): the message body in <pre>."""
    thread = "".join(f'<li><strong><a href="msg0{i}.html">Re: {html.escape(t)}</a></strong>, <em>Debian User</em></li>'
                     for i, t in enumerate(other_titles[:4]))
    body = f"""<body>
<!--X-Body-Begin-->
<!--X-User-Header-->
<p><a href="/debian-user/">debian-user</a> mailing list archive</p>
<!--X-User-Header-End-->
<!--X-TopPNI-->
<hr><ul><li>[<a href="prev.html">Date Prev</a>][<a href="next.html">Date Next</a>][<a href="tprev.html">Thread Prev</a>][<a href="tnext.html">Thread Next</a>][<a href="maillist.html#02093">Date Index</a>][<a href="threads.html#02093">Thread Index</a>]</li></ul>
<!--X-TopPNI-End-->
<h1>{html.escape(subject)}</h1><hr>
<ul><li><em>To</em>: debian-user@lists.debian.org</li><li><em>Subject</em>: {html.escape(subject)}</li><li><em>From</em>: Debian Documentation &lt;docs@example.org&gt;</li><li><em>Date</em>: Tue, 12 Mar 2024 10:04:11 +0100</li></ul>
<hr><pre style="white-space:pre-wrap">{html.escape(message)}</pre>
<hr><strong>Reply to:</strong><ul><li><a href="mailto:debian-user@lists.debian.org">debian-user@lists.debian.org</a></li></ul>
<hr><ul><li>Follow-Ups:<ul>{thread}</ul></li></ul>
<hr><ul><li>Prev by Date: <strong><a href="prev.html">{html.escape(other_titles[4])}</a></strong></li><li>Next by Date: <strong><a href="next.html">{html.escape(other_titles[5])}</a></strong></li></ul>
</body></html>"""
    drops = [("archive_nav", "Thread Index"), ("thread_list", other_titles[0]),
             ("archive_nav", other_titles[4]), ("reply_to", "Reply to:")]
    return page_head(html.escape(subject), "en") + body, drops


def keeps(content_blocks, extra=()):
    """What the tests pin as kept: first and last paragraphs, a tip box, a <pre> line, a cell."""
    picks = []
    paras = [t for t, c in content_blocks if len(t.split()) >= 10 and not ({"pre", "sidebar", "table"} & c)]
    if paras:
        picks.append(("paragraph", paras[0]))
        picks.append(("paragraph", paras[-1]))
    for kind, word in [("tip_box", "sidebar"), ("code_block", "pre"), ("table", "table"), ("list", "li")]:
        for t, c in content_blocks:
            if word in c and len(t) >= 12 and (kind != "tip_box" or len(t.split()) >= 8):
                picks.append((kind, t))
                break
    picks.extend(extra)
    return [(kind, " ".join(t.split()[:12])) for kind, t in picks]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    others = ["sect.apt-cache", "sect.apt-frontends", "sect.automatic-upgrades", "sect.backup",
              "sect.apparmor", "sect.inetd", "sect.office-suites", "sect.web-browsers",
              "sect.monitoring", "sect.why-gnu-linux", "sect.devuan", "sect.master-plan"]
    manifest = []

    def emit(name, page_html, gold_blocks, drops, keep):
        gold_text = "\n".join(t for t, _ in gold_blocks)
        gold_flat = collapse(gold_text)
        for pattern, fragment in keep:
            assert collapse(fragment) in gold_flat, (name, fragment)
            manifest.append((name, pattern, "keep", collapse(fragment)))
        for pattern, fragment in drops:
            fragment = collapse(html.unescape(fragment))
            assert fragment not in gold_flat, (name, fragment)
            assert fragment in collapse(" ".join(t for t, _ in blocks_of(page_html))), (name, fragment)
            manifest.append((name, pattern, "drop", fragment))
        with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
            f.write(page_html)
        with open(os.path.join(out_dir, name + ".gold.txt"), "w", encoding="utf-8") as f:
            f.write(gold_text + "\n")

    def other_text(lang, skip):
        pool = [p for p in others if p != skip]
        return titles(lang, pool), first_sentences(lang, pool)

    # WordPress blog posts.
    for lang, page in [("en-US", "sect.shell-environment"), ("fr-FR", "sect.inetd")]:
        _, content, _, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        page_html, drops = wordpress(content, title, lang, t, p)
        emit(f"wordpress-{lang}-{page[5:]}", page_html, blocks_of(content), drops, keeps(blocks_of(content)))
    # News sites with a <form> around the page; one with a short article.
    for lang, page in [("en-US", "sect.source-package-structure"), ("de-DE", "sect.shell-environment")]:
        _, content, _, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        page_html, drops = news_form(content, title, lang, t, p)
        emit(f"news-{lang}-{page[5:]}", page_html, blocks_of(content), drops, keeps(blocks_of(content)))
    _, short, _, title = handbook_section("en-US", "sect.devuan")
    t, p = other_text("en-US", "sect.devuan")
    page_html, drops = news_form(short, title, "en-US", t, p)
    emit("news-en-US-short-devuan", page_html, blocks_of(short), drops, keeps(blocks_of(short)))
    # Sphinx documentation with a footnote in <aside>.
    for lang, page in [("en-US", "sect.inetd"), ("ru-RU", "sect.shell-environment")]:
        _, content, children, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        footnote = html.escape(p[7])
        page_html, drops = sphinx(content, title, lang, t, p, footnote)
        gold = blocks_of(content) + [("[1]", set()), (p[7], {"aside"})]
        emit(f"sphinx-{lang}-{page[5:]}", page_html, gold, drops,
             keeps(blocks_of(content), [("footnote_in_aside", p[7])]))
    # A preamble in <header>, the rest in <main>.
    for lang, page in [("en-US", "sect.monitoring"), ("fr-FR", "sect.why-gnu-linux")]:
        _, content, children, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        paras = [i for i, c in enumerate(children) if 'class="para"' in c[:40]]
        cut = paras[min(2, len(paras) - 1)] + 1
        page_html, drops = preamble(children, title, lang, t, p, cut)
        head_blocks = blocks_of("".join(children[:cut]))
        preamble_para = [b for b, c in head_blocks if len(b.split()) >= 10][-1]
        emit(f"preamble-{lang}-{page[5:]}", page_html, [(title, set())] + blocks_of("".join(children)),
             drops, keeps(blocks_of(content), [("prose_in_header", preamble_para)]))
    # The handbook's own pages.
    for lang, page in [("en-US", "sect.windows-file-server-with-samba"), ("es-ES", "sect.apparmor")]:
        source, content, _, title = handbook_section(lang, page)
        page_blocks = blocks_of(source)
        drops = ([("handbook_banner", t) for t, c in page_blocks if "banner" in c][:1] +
                 [("handbook_docnav", t) for t, c in page_blocks if "docnav" in c and "home" in c][:1])
        emit(f"handbook-{lang}-{page[5:]}", source, blocks_of(content), drops, keeps(blocks_of(content)))
    # Man-page site.
    for name, section in [("apt-get", "8"), ("ls", "1")]:
        content = man_page(name, section, 60)
        page_html, drops = man_site(content, name, "en", [])
        emit(f"manpage-{name}", page_html, blocks_of(content), drops, keeps(blocks_of(content)))
    # Magazine with unnamed teaser cards.
    for lang, page in [("en-US", "sect.web-browsers"), ("en-US", "sect.office-suites")]:
        _, content, _, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        page_html, drops = magazine(content, title, lang, t, p)
        emit(f"magazine-{lang}-{page[5:]}", page_html, [(title, set())] + blocks_of(content), drops,
             keeps(blocks_of(content)))

    # Read the Docs theme (navigation sidebar, breadcrumbs, footer buttons).
    for lang, page in [("en-US", "sect.ldap-directory"), ("it-IT", "sect.selinux")]:
        _, content, _, title = handbook_section(lang, page)
        t, p = other_text(lang, page)
        page_html, drops = readthedocs(content, title, lang, t)
        emit(f"readthedocs-{lang}-{page[5:]}", page_html, blocks_of(content), drops, keeps(blocks_of(content)))
    # A mailing-list archive: the message is one <pre>.
    env = dict(os.environ, MANWIDTH="72", LANG="C.UTF-8", GROFF_NO_SGR="1")
    message = subprocess.run(["man", "-P", "cat", "5", "sources.list"], env=env, check=True,
                             capture_output=True, text=True).stdout
    message = re.sub(r".\x08", "", message).split("\n")
    message = "\n".join(message[1:80]).strip("\n")
    t, p = other_text("en-US", "")
    page_html, drops = mail_archive(message, "sources.list(5) explained", t)
    msg_blocks = blocks_of("<pre>" + html.escape(message) + "</pre>")
    emit("mail-archive-sources-list", page_html, msg_blocks, drops,
         [("code_block", msg_blocks[3][0]), ("code_block", msg_blocks[-1][0])])

    with open(os.path.join(out_dir, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("# page\tpattern\tkeep|drop\tfragment (generated by make_pages.py)\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
