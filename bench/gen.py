#!/usr/bin/env python3
"""Generate a realistic article corpus as canonical JSONL: N articles built
from the shipped examples with varied text (word salad drawn from the sample
bodies, different lengths, dates, bylines, unicode).  Deterministic (seeded).

  gen.py N OUT [--body-words MIN:MAX]
"""
import json, os, random, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def words():
    w = []
    with open(os.path.join(ROOT, "examples", "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for b in r.get("body", []):
                w += b["text"].split()
            w += r["headline"].split()
    w += ["Zürich", "São", "Paulo", "東京", "Москва", "naïve", "café", "—", "“quoted”"]
    return w


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    lo, hi = 150, 2500
    if len(sys.argv) > 4 and sys.argv[3] == "--body-words":
        lo, hi = map(int, sys.argv[4].split(":"))
    rnd = random.Random(2015)
    w = words()
    sources = ["Example Wire", "Exemple Presse", "Beispiel Nachrichten", "Agencia Ejemplo"]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            nwords = rnd.randint(lo, hi)
            body, left = [], nwords
            while left > 0:
                k = min(left, rnd.randint(20, 120))
                body.append({"type": "p", "text": " ".join(rnd.choice(w) for _ in range(k)) + "."})
                left -= k
            day = 1 + i % 28
            rec = {
                "id": f"bench-{i:08d}",
                "source": rnd.choice(sources),
                "url": f"https://news.example.org/2015/12/{day:02d}/story-{i}.html",
                "headline": " ".join(rnd.choice(w) for _ in range(rnd.randint(5, 14))),
                "byline": [" ".join(rnd.choice(w) for _ in range(2))],
                "language": rnd.choice(["en", "fr", "de", "es"]),
                "published": f"2015-12-{day:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                "keywords": [rnd.choice(w) for _ in range(3)],
                "body": body,
            }
            if i % 7 == 0:
                rec["wire_priority"] = i % 5
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
