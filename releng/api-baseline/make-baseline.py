#!/usr/bin/env python3
"""Writes releng/api-baseline: a p2 repository holding only VOS Bench's API bundles, cut from a
p2 repository this build produced (releng/org.vosbench.product/target/repository). The build's
API baseline check (tycho-baseline-plugin in pom.xml) compares each API bundle with its copy here.

  releng/api-baseline/make-baseline.py [<p2 repository>]    run at a release, after ./mvnw install
  releng/api-baseline/make-baseline.py --jars <folder> <bundle.jar>...
                                  a baseline repository in <folder> of just these built bundle jars
                                  (bench/api-baseline.sh cuts one from a scratch build)
"""
import lzma, os, shutil, sys, zipfile
import xml.etree.ElementTree as ET

# The bundles a lab's plugin compiles against: the extension points' interfaces and what they use.
API = ["org.vosbench.core", "org.vosbench.engine", "org.vosbench.dataset", "org.vosbench.interaction",
       "org.vosbench.eval", "org.vosbench.plugins"]

here = os.path.dirname(os.path.abspath(__file__))

def from_jars(out, jars):
    """A minimal p2 repository (content.xml, artifacts.xml, plugins/) holding these bundle jars."""
    os.makedirs(os.path.join(out, "plugins"), exist_ok=True)
    units, arts = [], []
    for jar in jars:
        with zipfile.ZipFile(jar) as z:
            mf = z.read("META-INF/MANIFEST.MF").decode().replace("\r\n ", "").replace("\n ", "")
        head = dict(l.split(": ", 1) for l in mf.splitlines() if ": " in l)
        bsn, ver = head["Bundle-SymbolicName"].split(";")[0].strip(), head["Bundle-Version"].strip()
        shutil.copy(jar, os.path.join(out, "plugins", f"{bsn}_{ver}.jar"))
        units.append(f"<unit id='{bsn}' version='{ver}'><provides size='3'>"
                     f"<provided namespace='org.eclipse.equinox.p2.iu' name='{bsn}' version='{ver}'/>"
                     f"<provided namespace='osgi.bundle' name='{bsn}' version='{ver}'/>"
                     f"<provided namespace='org.eclipse.equinox.p2.eclipse.type' name='bundle' version='1.0.0'/>"
                     f"</provides><artifacts size='1'><artifact classifier='osgi.bundle' id='{bsn}' version='{ver}'/>"
                     f"</artifacts></unit>")
        arts.append(f"<artifact classifier='osgi.bundle' id='{bsn}' version='{ver}'/>")
    with open(os.path.join(out, "content.xml"), "w") as f:
        f.write("<?xml version='1.0' encoding='UTF-8'?>\n<?metadataRepository version='1.2.0'?>\n"
                "<repository name='VOS Bench API baseline' type='org.eclipse.equinox.internal.p2.metadata.repository.LocalMetadataRepository' version='1'>"
                f"<units size='{len(units)}'>" + "".join(units) + "</units></repository>\n")
    with open(os.path.join(out, "artifacts.xml"), "w") as f:
        f.write("<?xml version='1.0' encoding='UTF-8'?>\n<?artifactRepository version='1.1.0'?>\n"
                "<repository name='VOS Bench API baseline' type='org.eclipse.equinox.p2.artifact.repository.simpleRepository' version='1'>"
                "<mappings size='1'><rule filter='(&amp; (classifier=osgi.bundle))' output='${repoUrl}/plugins/${id}_${version}.jar'/></mappings>"
                f"<artifacts size='{len(arts)}'>" + "".join(arts) + "</artifacts></repository>\n")
    print("api baseline:", ", ".join(os.path.basename(j) for j in jars), "->", out)

if len(sys.argv) > 2 and sys.argv[1] == "--jars":
    out = sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    from_jars(out, sys.argv[3:])
    sys.exit(0)

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
