#!/bin/sh
# Generates JAX-WS RI client stubs from the IPPC reference WSDL (wsimport), compiles them with Exchange.java
# (javac) and runs the exchange against a hub. Needs Debian's jaxws (wsimport + libjaxws-java) and a JDK.
#
# usage: run.sh --address https://127.0.0.1:PORT/hub/DeliveryService --certs DIR [--wsdl PATH] [--debug]
#   --wsdl   the IPPC reference WSDL (default: $EPHYTO_REFERENCE_WSDL, else /work/shared/reference/ephyto/...)
#   --debug  dump every raw SOAP request and response (HttpTransportPipe.dump) and print stack traces
#
# No -p: the reference WSDL declares the elements "Envelope" (HUB.Entities) and "envelope" (http://ephyto.ippc.int/)
# and more such pairs, so forcing all namespaces into one package makes xjc abort with "Two declarations cause a
# collision in the ObjectFactory class". The default namespace-to-package mapping (_int.ippc.ephyto,
# _int.ippc.ephyto.hub, un.unece...) is what an unconfigured client gets.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
wsdl=${EPHYTO_REFERENCE_WSDL:-/work/shared/reference/ephyto/ippc-hub-DeliveryService.wsdl}
debug=
address=
certs=
while [ $# -gt 0 ]; do
  case "$1" in
    --address) address=$2; shift 2 ;;
    --certs) certs=$2; shift 2 ;;
    --wsdl) wsdl=$2; shift 2 ;;
    --debug) debug=1; shift ;;
    *) echo "usage: $0 --address URL --certs DIR [--wsdl PATH] [--debug]" >&2; exit 2 ;;
  esac
done
[ -n "$address" ] && [ -n "$certs" ] || { echo "usage: $0 --address URL --certs DIR [--wsdl PATH] [--debug]" >&2; exit 2; }
[ -f "$wsdl" ] || { echo "FAIL setup: reference WSDL not found: $wsdl"; exit 2; }
for tool in wsimport javac java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL setup: $tool not on PATH (apt-get install jaxws default-jdk-headless)"; exit 3; }
done

# The Debian JAX-WS RI 2.3 and its API jars. jaxws-rt.jar and jaxb-impl.jar name the rest of their runtime
# (saaj-impl, stax-ex, streambuffer, mimepull, woodstox, gmbal, policy, jaxb-core, txw2, istack...) in their
# manifest Class-Path, so the JVM and javac find those by themselves.
J=/usr/share/java
CP="$J/jaxws-api.jar:$J/jaxb-api.jar:$J/jws-api.jar:$J/javax.activation.jar:$J/javax.xml.soap-api.jar"
CP="$CP:$J/jaxws-rt.jar:$J/jaxb-impl.jar:$J/saaj-impl.jar"

work=$(mktemp -d "${TMPDIR:-/tmp}/jaxws-exchange.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/src" "$work/classes"

rc=0
wsimport -keep -Xnocompile -d "$work/src" -s "$work/src" "$wsdl" >"$work/wsimport.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "FAIL wsimport: exit code $rc"; cat "$work/wsimport.log"; exit 4
fi
find "$work/src" -name '*.java' >"$work/sources"
echo "ok wsimport ($(wc -l <"$work/sources") classes from $wsdl)"

cp "$here/Exchange.java" "$work/src/"
echo "$work/src/Exchange.java" >>"$work/sources"
if ! javac -nowarn -encoding UTF-8 -cp "$CP" -d "$work/classes" @"$work/sources" >"$work/javac.log" 2>&1; then
  echo "FAIL javac"; cat "$work/javac.log"; exit 5
fi
echo "ok javac"

set -- -Dsun.stdout.encoding=UTF-8 -Djavax.xml.soap.SAAJMetaFactory=com.sun.xml.messaging.saaj.soap.SAAJMetaFactoryImpl -cp "$work/classes:$CP"
if [ -n "$debug" ]; then
  set -- "$@" -Dexchange.stacktraces=true -Dcom.sun.xml.ws.transport.http.client.HttpTransportPipe.dump=true
fi
rc=0
java "$@" Exchange --address "$address" --certs "$certs" --wsdl "$wsdl" || rc=$?
exit "$rc"
