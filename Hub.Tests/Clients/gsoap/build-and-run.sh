#!/bin/sh
# Generates gSOAP C++ proxy classes from a WSDL (wsdl2h + soapcpp2), compiles them with exchange.cpp (g++, OpenSSL)
# and runs the exchange against a hub. Needs Debian's gsoap (wsdl2h, soapcpp2), libgsoap-dev (stdsoap2.h and
# libgsoapssl++), libssl-dev, zlib1g-dev and g++; pkg-config (pkgconf) if present.
#
# usage: build-and-run.sh --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR --wsdl PATH [--soap12] [--debug]
#   --certs  server.crt.pem and, per participant nl|ke|us, CODE.crt.pem + CODE.key.pem (unencrypted PKCS#8)
#   --wsdl   a local WSDL: the IPPC reference WSDL, or the served one saved with its ../schemas/*.xsd beside it
#   --soap12 send SOAP 1.2 although the WSDL binds SOAP 1.1: soapcpp2 -2, whose proxy calls soap_set_version(soap, 2)
#            after soap_begin() in every call (a soap_set_version() by the caller does not last: soap_begin() resets the
#            namespace table, and with it the version, to the generated one) and whose namespace table has SOAP 1.2 first
#   --debug  print every raw HTTP request and response
#
# Everything is generated and built in a temporary folder, removed at exit; nothing is cached.
#
# wsdl2h numbers the namespaces it meets (ns1, ns2, ...) in the order it reads them, and the reference WSDL and the
# served one (whose types live in separate XSDs) are read in different orders. A typemap gives the two hub namespaces
# fixed prefixes, so exchange.cpp compiles against either: ephyto = http://ephyto.ippc.int/ (wrappers,
# HubWebException), hub = http://ephyto.ippc.int/HUB.Entities (Envelope, EnvelopeHeader, Nppo...). The rest of
# Debian's default typemap.dat is kept.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
wsdl=${EPHYTO_REFERENCE_WSDL:-/work/shared/reference/ephyto/ippc-hub-DeliveryService.wsdl}
address=
certs=
extra=
soap12=
usage="usage: $0 --address URL --certs DIR [--wsdl PATH] [--soap12] [--debug]"
while [ $# -gt 0 ]; do
  case "$1" in
    --address) address=$2; shift 2 ;;
    --certs) certs=$2; shift 2 ;;
    --wsdl) wsdl=$2; shift 2 ;;
    --soap12) extra="$extra --soap12"; soap12=-2; shift ;;
    --debug) extra="$extra --debug"; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[ -n "$address" ] && [ -n "$certs" ] || { echo "$usage" >&2; exit 2; }
[ -f "$wsdl" ] || { echo "FAIL setup: WSDL not found: $wsdl"; exit 2; }
for tool in wsdl2h soapcpp2 g++; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL setup: $tool not on PATH (apt-get install gsoap libgsoap-dev libssl-dev g++)"; exit 3; }
done

# The generated code and exchange.cpp must be compiled with the WITH_* flags libgsoapssl++ was built with (they change
# the layout of struct soap): Debian's gsoapssl++.pc says -DWITH_IPV6 -DWITH_OPENSSL -DWITH_GZIP -DWITH_DOM.
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsoapssl++; then
  cflags=$(pkg-config --cflags gsoapssl++)
  libs="$(pkg-config --libs gsoapssl++) -lssl -lcrypto -lz"
else
  cflags="-DWITH_IPV6 -DWITH_OPENSSL -DWITH_GZIP -DWITH_DOM"
  libs="-lgsoapssl++ -lssl -lcrypto -lz"
fi
case " $cflags " in *" -DWITH_OPENSSL "*) ;; *) cflags="$cflags -DWITH_OPENSSL" ;; esac
import_dir=/usr/share/gsoap/import
[ -f "$import_dir/stlvector.h" ] || { echo "FAIL setup: $import_dir/stlvector.h missing (apt-get install gsoap)"; exit 3; }
default_typemap=/usr/share/gsoap/WS/typemap.dat

work=$(mktemp -d "${TMPDIR:-/tmp}/gsoap-exchange.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/gen" "$work/keys"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
started=$(now)

{
  [ -f "$default_typemap" ] && cat "$default_typemap"
  echo
  echo 'ephyto = "http://ephyto.ippc.int/"'
  echo 'hub = "http://ephyto.ippc.int/HUB.Entities"'
} >"$work/typemap.dat"

t=$(now)
rc=0
wsdl2h -c++11 -t "$work/typemap.dat" -o "$work/gen/hub.h" "$wsdl" >"$work/wsdl2h.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$work/gen/hub.h" ]; then
  echo "FAIL wsdl2h: exit code $rc"; cat "$work/wsdl2h.log"; exit 4
fi
for prefix in ephyto hub; do
  grep -q "^//gsoap $prefix  *schema namespace:" "$work/gen/hub.h" \
    || { echo "FAIL wsdl2h: no '$prefix' namespace in the generated header (typemap not applied?)"; exit 4; }
done
echo "ok wsdl2h ($(elapsed "$t"), $(wc -l <"$work/gen/hub.h") lines from $wsdl)"

t=$(now)
rc=0
# shellcheck disable=SC2086 # soap12 is empty or -2
(cd "$work/gen" && soapcpp2 $soap12 -j -C -x -I"$import_dir" hub.h) >"$work/soapcpp2.log" 2>&1 || rc=$?
proxy="$work/gen/soapDeliveryServiceSoapBindingProxy.cpp"
if [ "$rc" -ne 0 ] || [ ! -f "$proxy" ]; then
  echo "FAIL soapcpp2: exit code $rc"; cat "$work/soapcpp2.log"; exit 5
fi
echo "ok soapcpp2 ${soap12:+$soap12 }($(elapsed "$t"), proxy DeliveryServiceSoapBindingProxy)"

# Three translation units compiled side by side (soapC.cpp dominates); -O0 keeps it short.
t=$(now)
compile() { # source object log
  # shellcheck disable=SC2086 # cflags is a list of flags
  g++ -std=c++17 -O0 -w $cflags -I"$work/gen" -c "$1" -o "$2" >"$3" 2>&1
}
compile "$work/gen/soapC.cpp" "$work/soapC.o" "$work/g++-soapC.log" & pid_c=$!
compile "$proxy" "$work/proxy.o" "$work/g++-proxy.log" & pid_p=$!
rc=0
compile "$here/exchange.cpp" "$work/exchange.o" "$work/g++-exchange.log" || rc=$?
wait "$pid_c" || rc=$?
wait "$pid_p" || rc=$?
if [ "$rc" -eq 0 ]; then
  # shellcheck disable=SC2086
  g++ -o "$work/exchange" "$work/exchange.o" "$work/proxy.o" "$work/soapC.o" $libs >"$work/g++-link.log" 2>&1 || rc=$?
fi
if [ "$rc" -ne 0 ]; then
  echo "FAIL g++: exit code $rc"
  for log in "$work"/g++-*.log; do [ -s "$log" ] && { echo "--- $(basename "$log")"; head -60 "$log"; }; done
  exit 6
fi
echo "ok g++ ($(elapsed "$t"); generation and build $(elapsed "$started"))"

# gSOAP reads the client key and its certificate from one PEM file. The hub writes its PEM files without a final
# newline: "-----END PRIVATE KEY----------BEGIN CERTIFICATE-----" on one line would hide the certificate.
for code in nl ke us; do
  for part in key crt; do
    [ -f "$certs/$code.$part.pem" ] || { echo "FAIL setup: $certs/$code.$part.pem not found"; exit 2; }
  done
  (umask 077 && { cat "$certs/$code.key.pem"; echo; cat "$certs/$code.crt.pem"; echo; } >"$work/keys/$code.pem")
done

rc=0
# shellcheck disable=SC2086 # extra holds only our own flags
"$work/exchange" --address "$address" --keys "$work/keys" --certs "$certs" --wsdl "$wsdl" $extra || rc=$?
exit "$rc"
