// Signs documents with xml-crypto (npm), as an implementation independent of the hub: an enveloped ds:Signature,
// appended to the root element, with one Reference URI="" ([enveloped-signature, C14N or exclusive C14N]) and the
// signing certificate in KeyInfo/X509Data (xml-crypto's default KeyInfo for a PEM certificate).
//
//   node sign.js jobs.json
//
// jobs.json: [{ "id", "in", "out", "key" (PEM private key file), "cert" (PEM certificate file),
//               "c14n": "exclusive" | "inclusive", "signatureAlgorithm" (URI), "digestAlgorithm" (URI), "prefix"? }]
// Prints one JSON line per job: { "id", "ok", "error"? }. Exits 0 only if every job was signed.
"use strict";

const fs = require("fs");
const { SignedXml } = require("xml-crypto");

const C14N = {
  exclusive: "http://www.w3.org/2001/10/xml-exc-c14n#",
  inclusive: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
};
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

function sign(job) {
  const c14n = C14N[job.c14n];
  if (!c14n) throw new Error(`unknown c14n '${job.c14n}'`);
  const sig = new SignedXml({
    privateKey: fs.readFileSync(job.key),
    publicCert: fs.readFileSync(job.cert, "latin1"),
    signatureAlgorithm: job.signatureAlgorithm,
    canonicalizationAlgorithm: c14n,
  });
  sig.addReference({
    xpath: "/*",
    isEmptyUri: true,
    transforms: [ENVELOPED, c14n],
    digestAlgorithm: job.digestAlgorithm,
  });
  const options = { location: { reference: "/*", action: "append" } };
  if (job.prefix) options.prefix = job.prefix;
  sig.computeSignature(fs.readFileSync(job.in, "utf8"), options);
  fs.writeFileSync(job.out, sig.getSignedXml(), "utf8");
}

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let failed = 0;
for (const job of jobs) {
  try {
    sign(job);
    console.log(JSON.stringify({ id: job.id, ok: true }));
  } catch (e) {
    failed++;
    console.log(JSON.stringify({ id: job.id, ok: false, error: String(e && e.stack || e) }));
  }
}
process.exit(failed === 0 ? 0 : 1);
