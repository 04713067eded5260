#!/usr/bin/env python3
"""Writes the hostile catalogs of this folder: a canonical catalog of two
releases (2024-01-31.yaml, 2024-02-29.yaml) in which every string field
carries script payloads, and its Markdown and CSV variants (markdown/, csv/).
cmd/landscape TestHostileCatalog analyses them. Run it from this folder."""
import csv, io, json

S = '</script><script>window.__pwned=1</script>'
IMG = '<img src=x onerror=window.__pwned=1>'
SVG = '"\'><svg onload=window.__pwned=1>'
JS = 'javascript:window.__pwned=1'
MORE = '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'
TPL = '{{.}} ${window.__pwned=1} <!-- --> ]]> \u2028\u2029 \\"; window.__pwned=1; //'


def q(s):
    # YAML reads a raw U+2028 or U+2029 as a line break: escape them.
    return json.dumps(s, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


tools1 = [
    dict(name="Script " + S, homepage_url='https://example.org/"><script>window.__pwned=1</script>',
         repo_url='https://github.com/evil-org/script"><svg/onload=window.__pwned=1>',
         description="Desc " + IMG + " " + S, license="MIT", status="acquired by " + IMG + " in 2020", launched="2019-06",
         open_source=True, stars=12, extra={IMG: S, "note": SVG, "link": JS}),
    dict(name="Image " + IMG, homepage_url="https://img.example.org/?q=</script><script>window.__pwned=1</script>",
         repo_url="https://github.com/evil-org/image", description=SVG + " " + JS, license="Apache-2.0",
         status="renamed to " + S + " in 2021", launched="2018", extra={"js": JS, "tpl": TPL}),
    dict(name="Quote " + SVG, homepage_url="https://quote.example.org/#\"><img/src=x/onerror=window.__pwned=1>",
         description=MORE, status="active", license="LicenseRef-evil"),
    dict(name=JS, homepage_url="https://js.example.org", description=TPL),
    dict(name="Template " + TPL, homepage_url="https://tpl.example.org", description="plain"),
    dict(name="Mover " + IMG, homepage_url="https://mover.example.org", description="moves category"),
]
cats1 = [("Cat " + S, "Sub " + IMG, [0, 1, 2]), ("Cat " + SVG, "Sub " + JS, [3, 4]), ("Cat " + MORE, "Sub " + TPL, [5])]
# Release 2: Template is removed, Mover moves, New is added.
tools2 = tools1 + [dict(name="New " + S + IMG, homepage_url='https://new.example.org/"><svg/onload=window.__pwned=1>',
                        description="added " + SVG, status="discontinued in 2024")]
cats2 = [("Cat " + S, "Sub " + IMG, [0, 1, 2, 5]), ("Cat " + SVG, "Sub " + JS, [3, 6]), ("Cat " + TPL, "Sub " + MORE, [])]


def tool_yaml(t):
    out = ["          - name: " + q(t["name"])]
    for k in ["homepage_url", "repo_url", "description", "launched", "license", "status"]:
        if k in t:
            out.append("            %s: %s" % (k, q(t[k])))
    if "open_source" in t:
        out.append("            open_source: true")
    if "stars" in t:
        out.append("            stars: %d" % t["stars"])
    if "extra" in t:
        out.append("            extra:")
        for k, v in t["extra"].items():
            out.append("              %s: %s" % (q(k), q(v)))
    return "\n".join(out)


def release_yaml(id_, date, title, cats, tools):
    lines = ["# A hostile catalog: every string field carries a script payload. Analysing it",
             "# must give outputs where none of them runs (cmd/landscape TestHostileCatalog).",
             "release:", "  id: " + q(id_), "  date: " + date, "  title: " + q(title),
             "  source: " + q("https://example.org/source\"><script>window.__pwned=1</script>"),
             "  commit: " + q(S), "categories:"]
    for c, s, idx in cats:
        lines += ["  - name: " + q(c), "    subcategories:", "      - name: " + q(s), "        tools:" + ("" if idx else " []")]
        lines += [tool_yaml(tools[i]) for i in idx]
    return "\n".join(lines) + "\n"


def md(title, cats, tools):
    out = ["# " + title, "", "A hostile awesome list. " + IMG, ""]
    for c, s, idx in cats:
        out += ["## " + c, "", "### " + s, ""]
        for i in idx:
            t = tools[i]
            name = t["name"].replace("[", "\\[").replace("]", "\\]")
            url = t["homepage_url"]
            out.append("- [%s](<%s>) - %s `%s` [Website](%s) [site](javascript:window.__pwned=1) %s" % (
                name, url.replace("<", "%3C").replace(">", "%3E"), t["description"].replace("[", "\\["), S, JS, IMG))
        out.append("")
    out += ["## Contributing " + S, "", "- [Not a tool](https://contrib.example.org)", ""]
    return "\n".join(out)


def csvfile(cats, tools):
    b = io.StringIO()
    w = csv.writer(b, lineterminator="\n")
    w.writerow(["Name", "Category", "Subcategory", "Homepage", "Repo", "Description", "Launched", "Open Source",
                "License", "Status", "Stars", IMG, "Notes " + S])
    for c, s, idx in cats:
        for i in idx:
            t = tools[i]
            w.writerow([t["name"], c, s, t["homepage_url"], t.get("repo_url", ""), t["description"], t.get("launched", ""),
                        "yes" if t.get("open_source") else "", t.get("license", ""), t.get("status", ""), t.get("stars", ""), S, JS])
    return b.getvalue()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


write("2024-01-31.yaml", release_yaml("r1 (hostile)", "2024-01-31", "Title " + S + IMG, cats1, tools1))
write("2024-02-29.yaml", release_yaml("r2 (hostile)", "2024-02-29", "Title " + SVG + JS, cats2, tools2))
write("markdown/2024-01-31.md", md("Awesome " + S, cats1, tools1))
write("markdown/2024-02-29.md", md("Awesome " + IMG, cats2, tools2))
write("csv/2024-01-31.csv", csvfile(cats1, tools1))
write("csv/2024-02-29.csv", csvfile(cats2, tools2))
