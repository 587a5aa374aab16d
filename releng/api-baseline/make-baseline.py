#!/usr/bin/env python3
"""Writes releng/api-baseline: a p2 repository holding only VOS Bench's API bundles, cut from a
p2 repository this build produced (releng/org.vosbench.product/target/repository). The build's
API baseline check (tycho-baseline-plugin in pom.xml) compares each API bundle with its copy here.

  releng/api-baseline/make-baseline.py [<p2 repository>]    run at a release, after ./mvnw install
"""
import lzma, os, shutil, sys, zipfile
import xml.etree.ElementTree as ET

# The bundles a lab's plugin compiles against: the extension points' interfaces and what they use.
API = ["org.vosbench.core", "org.vosbench.engine", "org.vosbench.dataset", "org.vosbench.interaction",
       "org.vosbench.eval", "org.vosbench.plugins"]

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "org.vosbench.product", "target", "repository")

def read(name):
    for f, opener in ((name + ".xml.xz", lzma.open), (name + ".jar", None), (name + ".xml", open)):
        p = os.path.join(src, f)
        if os.path.exists(p):
            if opener is None:
                with zipfile.ZipFile(p) as z:
                    return z.read(name + ".xml")
            with opener(p, "rb") as h:
                return h.read()
    sys.exit(f"{src}: no {name}.xml(.xz)/.jar: not a p2 repository")

def keep(parent, child_tag, pred):
    for el in list(parent):
        if el.tag == child_tag and not pred(el):
            parent.remove(el)
    parent.set("size", str(len([e for e in parent if e.tag == child_tag])))

content = ET.fromstring(read("content"))
content.set("name", "VOS Bench API baseline")
keep(content.find("units"), "unit", lambda u: u.get("id") in API)
for prop in content.find("properties"):
    if prop.get("name") == "p2.compressed":
        prop.set("value", "false")
artifacts = ET.fromstring(read("artifacts"))
artifacts.set("name", "VOS Bench API baseline")
keep(artifacts.find("artifacts"), "artifact", lambda a: a.get("classifier") == "osgi.bundle" and a.get("id") in API)
for prop in artifacts.find("properties"):
    if prop.get("name") == "p2.compressed":
        prop.set("value", "false")

plugins = os.path.join(here, "plugins")
shutil.rmtree(plugins, ignore_errors=True)
os.makedirs(plugins)
found = []
for a in artifacts.find("artifacts"):
    jar = f"{a.get('id')}_{a.get('version')}.jar"
    shutil.copy(os.path.join(src, "plugins", jar), plugins)
    found.append(jar)
missing = set(API) - {j.split("_")[0] for j in found}
if missing:
    sys.exit(f"{src}: no bundle for {sorted(missing)}")
for name, root, pi in (("content", content, "metadataRepository version='1.2.0'"),
                       ("artifacts", artifacts, "artifactRepository version='1.1.0'")):
    with open(os.path.join(here, name + ".xml"), "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n<?" + pi + "?>\n")
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")
print("api baseline:", ", ".join(sorted(found)))
