#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14: two items of one menu or one view with the same mnemonic
# (同意(_A) and 受理(_A); 导入问题(_P) and 首选项(_P)) make Alt+letter pick
# the wrong one, and a shortcut the window does not list is one nobody finds.
#
# Checks, in English and in each catalogue of po/LINGUAS:
#  - every <menu> and <submenu> of ui/*.ui has distinct mnemonics;
#  - every view of ui/*.ui has distinct mnemonics; a page of a stack is its own
#    view (only one is shown), and sees the labels outside the stack too;
#  - the views built partly in C (CODE_VIEWS) with their C labels added;
# and that every key binding of src/app and every application accelerator is
# listed in ui/gtk/help-overlay.ui, in the group of its page (OVERLAY_GROUPS).
#
# Usage: check-mnemonics.py SOURCE_ROOT

import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')

# Views whose mnemonic labels come partly from C: the .ui view they join and
# the C msgids shown in it.  Each msgid must still be in the file, so the list
# cannot silently go stale.
CODE_VIEWS = {
  'src/app/qf-problems-page.c': ('ui/qf-problems-page.ui', [
    '_Register…', '_Dismiss…', 'Start Rec_tifying…', 'Add _Progress…', '_Close…',
    'Re_view: Holds…', 'Re_lapse…', '_Accept…', '_Feedback Given…',
    'Request E_xtension…', 'S_how', 'Approv_e…', 'Ref_use…',
  ]),
  'src/app/qf-problem-editor.c': ('ui/qf-problem-editor.ui', ['S_how']),
  'src/app/qf-import-dialog.c': ('ui/qf-import-dialog.ui', ['Co_py Report']),
  'src/app/qf-meeting-editor.c': ('ui/qf-meeting-editor.ui', ['Create _Problem…']),
}

# The overlay group listing the bindings of each source file.
OVERLAY_GROUPS = {
  'qf-window.c': 'Pages',
  'qf-overview-page.c': 'Overview',
  'qf-organisation-page.c': 'Organisation',
  'qf-cadre-file.c': 'Cadre File',
  'qf-problems-page.c': 'Problem Ledger',
  'qf-rates-page.c': 'Ledger Audit',
  'qf-scoring-page.c': 'Three Evaluations',
  'qf-supervisors-page.c': 'Supervisors',
  'qf-meetings-page.c': 'Hearings and Meetings',
  'qf-duties-page.c': 'Cadre Duties',
  'qf-meeting-editor.c': 'Meeting Editor',
  'qf-history-window.c': 'Change Log',
  'qf-cadre-editor.c': 'Editors and Dialogs',
  'qf-draw-dialog.c': 'Editors and Dialogs',
  'qf-duty-record-dialog.c': 'Editors and Dialogs',
  'qf-grid-editor.c': 'Editors and Dialogs',
  'qf-honours-window.c': 'Editors and Dialogs',
  'qf-import-dialog.c': 'Editors and Dialogs',
  'qf-plan-dialog.c': 'Editors and Dialogs',
  'qf-problem-editor.c': 'Editors and Dialogs',
  'qf-rating-editor.c': 'Editors and Dialogs',
  'qf-report-editor.c': 'Editors and Dialogs',
  'qf-supervisor-editor.c': 'Editors and Dialogs',
  'qf-training-editor.c': 'Editors and Dialogs',
  'qf-unit-editor.c': 'Editors and Dialogs',
}

STACK_PAGES = {'GtkStackPage', 'AdwViewStackPage'}
MENU_TAGS = {'menu', 'submenu'}

failures = []


def fail(msg):
  failures.append(msg)


def unquote(s):
  return bytes(s, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def read_po(path):
  """{(msgctxt, msgid): msgstr} of the translated, non-fuzzy entries."""
  entries = {}
  with open(path, encoding='utf-8') as f:
    blocks = f.read().split('\n\n')
  for block in blocks:
    cur = {}
    key = None
    fuzzy = False
    for line in block.splitlines():
      line = line.strip()
      if line.startswith('#,') and 'fuzzy' in line:
        fuzzy = True
      elif line.startswith('#') or not line:
        continue
      elif line.startswith('"'):
        if key:
          cur[key] += unquote(line[1:-1])
      else:
        word, _, rest = line.partition(' ')
        key = {'msgstr[0]': 'msgstr'}.get(word, word)
        cur[key] = unquote(rest[1:-1])
    if cur.get('msgid') and cur.get('msgstr') and not fuzzy:
      entries[(cur.get('msgctxt'), cur['msgid'])] = cur['msgstr']
  return entries


def mnemonic(text):
  """The mnemonic letter of TEXT (upper case), or None."""
  i = 0
  while True:
    i = text.find('_', i)
    if i < 0 or i + 1 >= len(text):
      return None
    if text[i + 1] == '_':
      i += 2
      continue
    return text[i + 1].upper()


def ui_views(path):
  """(menus, views): lists of (name, [(msgctxt, msgid)])."""
  tree = ET.parse(path)
  menus = []
  views = {}
  outside = []

  def is_label(el):
    if el.tag == 'attribute':
      return el.get('name') == 'label'
    return el.tag == 'property' and el.get('name') in ('label', 'title')

  def walk(el, page, menu):
    if el.tag in MENU_TAGS:
      menu = []
      menus.append(('%s menu %s' % (os.path.basename(path),
                                     el.get('id') or 'submenu'), menu))
    if el.tag == 'object' and el.get('class') in STACK_PAGES:
      prop = el.find("property[@name='name']")
      page = '%s page %s' % (os.path.basename(path),
                             prop.text if prop is not None else el.get('id') or len(views))
      if page in views:
        page += ' (%d)' % len(views)
      views[page] = []
    if is_label(el) and el.get('translatable') == 'yes' and el.text and mnemonic(el.text):
      # The files write an underscore in a label or title only where the
      # widget uses underlines, so every one is taken as a mnemonic.
      key = (el.get('context'), el.text)
      if menu is not None:
        menu.append(key)
      elif page is not None:
        views[page].append(key)
      else:
        outside.append(key)
    for child in el:
      walk(child, page, menu if el.tag not in MENU_TAGS or child.tag != 'submenu' else None)

  walk(tree.getroot(), None, None)
  if not views:
    views[os.path.basename(path)] = []
  return menus, [(name, outside + keys) for name, keys in views.items()]


def check_container(name, keys, catalogues):
  for lang, cat in catalogues.items():
    seen = {}
    for ctx, msgid in keys:
      text = cat.get((ctx, msgid), msgid) if cat is not None else msgid
      m = mnemonic(text)
      if m is None:
        if cat is not None and (ctx, msgid) in cat:
          fail('%s [%s]: “%s” lost its mnemonic in “%s”' % (name, lang, msgid, text))
        continue
      # The same label twice (a button on each row) is one key, not a clash.
      if m in seen and seen[m][0] != (ctx, msgid):
        fail('%s [%s]: _%s in both “%s” and “%s”' % (name, lang, m, seen[m][1], text))
      seen.setdefault(m, ((ctx, msgid), text))


def check_mnemonics():
  catalogues = {'en': None}
  with open(os.path.join(ROOT, 'po', 'LINGUAS'), encoding='utf-8') as f:
    for lang in f.read().split():
      catalogues[lang] = read_po(os.path.join(ROOT, 'po', lang + '.po'))

  views = {}
  ui_dir = os.path.join(ROOT, 'ui')
  for name in sorted(os.listdir(ui_dir)):
    if not name.endswith('.ui'):
      continue
    menus, file_views = ui_views(os.path.join(ui_dir, name))
    for menu_name, keys in menus:
      check_container(menu_name, keys, catalogues)
    views['ui/' + name] = file_views

  for cfile, (ui, msgids) in CODE_VIEWS.items():
    with open(os.path.join(ROOT, cfile), encoding='utf-8') as f:
      code = f.read()
    for msgid in msgids:
      if '"%s"' % msgid not in code:
        fail('%s: “%s” is no longer there; update CODE_VIEWS' % (cfile, msgid))
    views[ui] = [(name, keys + [(None, m) for m in msgids]) for name, keys in views[ui]]

  for file_views in views.values():
    for name, keys in file_views:
      check_container(name, keys, catalogues)


def accel(key, mods):
  prefix = ''
  if 'GDK_CONTROL_MASK' in mods:
    prefix += '<Control>'
  if 'GDK_SHIFT_MASK' in mods:
    prefix += '<Shift>'
  if 'GDK_ALT_MASK' in mods:
    prefix += '<Alt>'
  # GDK_KEY_ names are the accelerator names: p, F2, Escape, Delete.
  return prefix + key


def check_overlay():
  tree = ET.parse(os.path.join(ROOT, 'ui', 'gtk', 'help-overlay.ui'))
  app_accels = {}
  with open(os.path.join(ROOT, 'src', 'app', 'qf-application.c'), encoding='utf-8') as f:
    for action, accels in re.findall(r'\{\s*"([a-z-]+\.[a-z-]+)",\s*\{([^}]*)\}', f.read()):
      app_accels[action] = re.findall(r'"([^"]+)"', accels)
  if not app_accels:
    fail('qf-application.c: no accelerators found; has the table moved?')

  groups = {}
  for group in tree.iter('object'):
    if group.get('class') != 'GtkShortcutsGroup':
      continue
    title = group.find("property[@name='title']").text
    listed = groups.setdefault(title, set())
    for sc in group.iter('object'):
      if sc.get('class') != 'GtkShortcutsShortcut':
        continue
      acc = sc.find("property[@name='accelerator']")
      act = sc.find("property[@name='action-name']")
      if acc is not None:
        listed.update(acc.text.split())
      if act is not None:
        if act.text not in app_accels:
          fail('help-overlay.ui: %s has no accelerator in qf-application.c' % act.text)
        listed.update(app_accels.get(act.text, []))
        listed.add(act.text)

  overlay_all = set().union(*groups.values())
  for action, accels in app_accels.items():
    if action not in overlay_all:
      fail('help-overlay.ui: the accelerator of %s is not listed' % action)

  binding = re.compile(r'gtk_widget_class_add_binding(?:_action)?\s*\(\s*[^,]+,\s*'
                       r'GDK_KEY_(\w+),\s*([^,]+),')
  app_dir = os.path.join(ROOT, 'src', 'app')
  found = 0
  for name in sorted(os.listdir(app_dir)):
    if not name.endswith('.c'):
      continue
    with open(os.path.join(app_dir, name), encoding='utf-8') as f:
      code = f.read()
    for key, mods in binding.findall(code):
      found += 1
      a = accel(key, mods)
      group = OVERLAY_GROUPS.get(name)
      if group is None:
        fail('%s binds %s but has no group in OVERLAY_GROUPS' % (name, a))
      elif a not in groups.get(group, set()):
        fail('%s binds %s, not listed under “%s” in help-overlay.ui' % (name, a, group))
    if re.search(r'GtkShortcutController|gtk_shortcut_controller_new', code):
      fail('%s installs a shortcut controller this check does not read' % name)
  if found == 0:
    fail('no key bindings found in src/app; has the check gone blind?')


check_mnemonics()
check_overlay()
for f in failures:
  print(f)
print('%d problem(s)' % len(failures))
sys.exit(1 if failures else 0)
