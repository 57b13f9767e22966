#!/bin/sh
# Fails when a translatable string in the sources lacks a zh_CN or zh_TW
# translation, or is fuzzy, or when a source file with strings is missing
# from po/POTFILES.in.
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"
status=0

# Files that mark strings but are not listed.
for f in $(grep -rlE '(_|N_|C_|g_dngettext) ?\(|translatable="yes"' src ui data --include='*.c' \
             --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null | sort); do
  grep -qxF "$f" po/POTFILES.in || { echo "not in po/POTFILES.in: $f"; status=1; }
done

xgettext --files-from=po/POTFILES.in --directory="$top" --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --add-comments=Translators --output="$work/qingfeng.pot" 2>"$work/xgettext.log" || {
  cat "$work/xgettext.log"; exit 1; }

for lang in zh_CN zh_TW; do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/qingfeng.pot" -o "$work/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is listed.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "po/$lang.po: $untranslated untranslated, $fuzzy fuzzy:"
    msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -A1 '^msgid ' | head -40
    status=1
  fi
  msgfmt --check --output-file=/dev/null "$work/$lang.po" || status=1
done
[ $status -eq 0 ] && echo "zh_CN and zh_TW translate every string"
exit $status
