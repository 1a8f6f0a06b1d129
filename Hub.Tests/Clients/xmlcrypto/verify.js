// Verifies enveloped XML-DSig signatures with xml-crypto (npm), as an implementation independent of the hub. The key
// is the given certificate's (never one from KeyInfo); the document must carry exactly one ds:Signature whose only
// Reference is URI="" (the whole document), so that "valid" means the whole document is signed by that certificate.
//
//   node verify.js jobs.json
//
// jobs.json: [{ "id", "file", "cert" (PEM certificate file) }]
// Prints one JSON line per job: { "id", "valid", "error"? }. Exits 0 when every job was checked (valid or not).
"use strict";

const fs = require("fs");
const { DOMParser } = require("@xmldom/xmldom");
const { SignedXml } = require("xml-crypto");

const DS = "http://www.w3.org/2000/09/xmldsig#";

function verify(job) {
  const xml = fs.readFileSync(job.file, "utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const signatures = Array.from(doc.getElementsByTagNameNS(DS, "Signature"));
  if (signatures.length !== 1) throw new Error(`expected exactly one ds:Signature, found ${signatures.length}`);
  if (signatures[0].parentNode !== doc.documentElement) throw new Error("the ds:Signature is not a child of the root");

  const sig = new SignedXml({ publicCert: fs.readFileSync(job.cert, "latin1") });
  sig.loadSignature(signatures[0]);
  const uris = sig.getReferences().map((r) => r.uri);
  if (uris.length !== 1 || uris[0] !== "") throw new Error(`expected one Reference URI="", found [${uris.join(", ")}]`);
  return sig.checkSignature(xml); // throws when the SignatureValue is wrong; false when a digest is
}

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const job of jobs) {
  try {
    const valid = verify(job);
    console.log(JSON.stringify(valid ? { id: job.id, valid: true } : { id: job.id, valid: false, error: "a Reference digest does not match" }));
  } catch (e) {
    console.log(JSON.stringify({ id: job.id, valid: false, error: String(e && e.message || e) }));
  }
}
