#!/usr/bin/env bash
# Render every sample with one build of the tool, or compare two such renders.
#   bench/same-output.sh render <project folder holding dist/> <out folder>
#   bench/same-output.sh compare <out A> <out B>
# compare: byte-equal PDFs pass at once; others must give the same `pdftotext -layout`
# text and the same `pdftoppm -r 50` pixels page for page. Exit 1 on any difference.
set -euo pipefail
mode=$1
if [ "$mode" = render ]; then
  tool=$(cd "$2" && pwd); out=$(mkdir -p "$3" && cd "$3" && pwd)
  cli="$tool/dist/handout.js"
  [ -f "$cli" ] || cli="$tool/dist/src/cli/main.js"
  cd "$(dirname "$0")/.."
  for variant in standard large-print; do
    node "$cli" build --all --variant "$variant" --out "$out/$variant" >/dev/null
    node "$cli" build content/programmes/*.json --variant "$variant" --out "$out/$variant" >/dev/null
  done
  node "$cli" build content/programmes/p-2026-0142.json --lang en --format pdf html txt --out "$out/en" >/dev/null
  node "$cli" build content/handouts/smerter-i-ryggen.json --pdfa --brand fysio-lindebakken --out "$out/pdfa" >/dev/null
  for brand in $(ls content/brands | sed 's/\.json$//'); do
    node "$cli" catalog --brand "$brand" --out "$out/catalog" >/dev/null
  done
  exit 0
fi
[ "$mode" = compare ] || { echo "usage: $0 render <tool> <out> | compare <a> <b>" >&2; exit 2; }
a=$(cd "$2" && pwd); b=$(cd "$3" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0; same=0; equal=0
diff <(cd "$a" && find . -type f | sort) <(cd "$b" && find . -type f | sort) || status=1
while IFS= read -r f; do
  [ -f "$b/$f" ] || continue
  if cmp -s "$a/$f" "$b/$f"; then same=$((same + 1)); continue; fi
  case "$f" in *.pdf) ;; *) echo "differs: $f"; status=1; continue ;; esac
  if ! diff -q <(pdftotext -layout "$a/$f" -) <(pdftotext -layout "$b/$f" -) >/dev/null; then
    echo "text differs: $f"; status=1; continue
  fi
  rm -rf "$work"/*; mkdir -p "$work/a" "$work/b"
  pdftoppm -r 50 -png "$a/$f" "$work/a/p"; pdftoppm -r 50 -png "$b/$f" "$work/b/p"
  if ! diff -rq "$work/a" "$work/b" >/dev/null; then echo "pixels differ: $f"; status=1; continue; fi
  equal=$((equal + 1))
done < <(cd "$a" && find . -type f | sort)
echo "$same byte-identical, $equal equal in text and pixels"
exit $status
