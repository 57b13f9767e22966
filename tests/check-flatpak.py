#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest against the build (issue 14): it parses; the
app id is the same in the manifest, meson.build, the desktop file's name,
the metainfo's <id> and launchable, and the settings schema's id and path;
the command is an executable meson builds; the runtime is a GNOME one no
older than 48; no permission reaches the whole host or home; every source
is pinned (a git source by its commit, an archive or file by its sha256);
the app's own "dir" source skips .git and every build directory.

Usage: check-flatpak.py SOURCE-ROOT DESKTOP-FILE METAINFO-FILE GSCHEMA-FILE
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT, DESKTOP, METAINFO, GSCHEMA = sys.argv[1:5]
failures = 0

# Permissions that would give the app the user's whole home or the host.
BROAD = re.compile(r"^--filesystem=(host|host-os|host-etc|home|~|/)(/?)(:.*)?$")


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", message)


def meson_app_id():
    text = open(os.path.join(ROOT, "meson.build"), encoding="utf-8").read()
    return re.search(r"^app_id = '([^']+)'", text, re.M).group(1)


def meson_executables():
    names = set()
    for path in glob.glob(os.path.join(ROOT, "src", "**", "meson.build"), recursive=True):
        text = open(path, encoding="utf-8").read()
        names.update(re.findall(r"executable\(\s*'([^']+)'", text))
    return names


def build_dirs():
    """The build directories .gitignore names at the top (/_build/ …)."""
    lines = open(os.path.join(ROOT, ".gitignore"), encoding="utf-8").read().splitlines()
    return [l.strip("/") for l in lines if re.match(r"^/_build[^/]*/$", l)]


def check_sources(module):
    name = module.get("name", "?")
    sources = module.get("sources", [])
    check(sources, "module %s has sources" % name)
    for source in sources:
        kind = source.get("type")
        if kind == "git":
            check(re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")) is not None,
                  "%s: a git source is pinned by its commit: %r" % (name, source))
            check("branch" not in source, "%s: a git source follows no branch" % name)
        elif kind in ("archive", "file"):
            check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
                  "%s: an %s source is pinned by its sha256: %r" % (name, kind, source))
            check(source.get("url", "").startswith("https://"),
                  "%s: fetched over https: %r" % (name, source.get("url")))
        elif kind == "dir":
            skip = set(source.get("skip", []))
            for needed in [".git", ".flatpak-builder"] + build_dirs():
                check(needed in skip, "%s: the dir source skips %s" % (name, needed))
        else:
            check(False, "%s: a source of a known kind: %r" % (name, source))


def main():
    manifest_path = os.path.join(ROOT, "flatpak", "io.github.qingfeng.Qingfeng.json")
    try:
        manifest = json.load(open(manifest_path, encoding="utf-8"))
    except ValueError as error:
        print("FAIL: the manifest does not parse:", error)
        return 1

    app_id = meson_app_id()
    check(manifest.get("id") == app_id, "manifest id %r is meson's %r"
          % (manifest.get("id"), app_id))
    check(os.path.basename(manifest_path) == app_id + ".json", "the manifest is named by the id")
    check(os.path.basename(DESKTOP) == app_id + ".desktop",
          "the desktop file is %s.desktop: %s" % (app_id, os.path.basename(DESKTOP)))
    desktop = open(DESKTOP, encoding="utf-8").read()
    check(re.search(r"^Icon=%s$" % re.escape(app_id), desktop, re.M) is not None,
          "the desktop file's icon is the app id")
    check(re.search(r"^Exec=%s( |$)" % re.escape(manifest.get("command", "")), desktop, re.M)
          is not None, "the desktop file runs the manifest's command")

    metainfo = ET.parse(METAINFO).getroot()
    check(metainfo.findtext("id") == app_id, "metainfo <id> %r is %r"
          % (metainfo.findtext("id"), app_id))
    check(metainfo.findtext("launchable") == app_id + ".desktop",
          "metainfo launches %s.desktop" % app_id)
    binaries = [b.text for b in metainfo.iter("binary")]
    check(manifest.get("command") in binaries, "metainfo provides the command")

    schema = ET.parse(GSCHEMA).getroot().find("schema")
    check(schema.get("id") == app_id, "the schema id %r is %r" % (schema.get("id"), app_id))
    check(schema.get("path") == "/" + app_id.replace(".", "/") + "/",
          "the schema path %r follows the id" % schema.get("path"))

    check(manifest.get("command") in meson_executables(),
          "the command %r is an executable meson builds" % manifest.get("command"))

    check(manifest.get("runtime") == "org.gnome.Platform"
          and manifest.get("sdk") == "org.gnome.Sdk", "a GNOME runtime and its SDK")
    version = manifest.get("runtime-version", "")
    check(re.fullmatch(r"\d+", version) is not None and int(version) >= 48,
          "the runtime is GNOME 48 or newer, not a branch: %r" % version)

    args = manifest.get("finish-args", [])
    for arg in args:
        check(BROAD.match(arg) is None, "no permission on the whole host or home: %s" % arg)
    check("--socket=x11" not in args, "X11 only as a fallback to Wayland")

    modules = manifest.get("modules", [])
    check(modules and modules[-1].get("name") == "qingfeng", "the app is the last module")
    for module in modules:
        check(isinstance(module, dict), "modules are written out, not included by path")
        if isinstance(module, dict):
            check_sources(module)

    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


sys.exit(main())
