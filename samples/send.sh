#!/bin/sh
# Sends one request of samples/soap to a hub with curl and prints the answer.
#
#   samples/send.sh OPERATION [PARTICIPANT] [NUMBER]
#
# OPERATION    a file of samples/soap without .xml (DeliverEnvelope, GetEnvelopeTrackingInfo, ...)
# PARTICIPANT  whose client certificate to present: nl, ke or us (default: the sample's "Caller")
# NUMBER       the hubTrackingNumber that replaces {{hubTrackingNumber}} (the hubDeliveryNumber DeliverEnvelope answered)
#
# The SOAPAction and the endpoint are the ones the sample's leading comment states.
# Environment: HUB_URL   (default https://localhost:8443)
#              HUB_CERTS (default Hub.Service/hub-data/certs, made by the hub's first `dotnet run --project Hub.Service`)
# Exit status: 0 for an HTTP 200 answer, 1 for a fault or any other answer, 2 for a usage error.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

usage() {
    echo "usage: $0 OPERATION [PARTICIPANT] [NUMBER]" >&2
    echo "operations: $(cd "$here/soap" && ls -- *.xml | sed 's/\.xml$//' | tr '\n' ' ')" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 3 ] || usage
operation=$1
file="$here/soap/$operation.xml"
[ -f "$file" ] || { echo "$0: there is no sample $file" >&2; usage; }

# A "Name: value" line of the sample's leading comment.
field() { sed -n "s/^ *$1: *//p" "$file" | head -n 1; }

participant=$(printf '%s' "${2:-$(field Caller)}" | tr 'A-Z' 'a-z')
number=${3:-}
action=$(field SOAPAction)
endpoint=$(field Endpoint)
url=${HUB_URL:-https://localhost:8443}
certs=${HUB_CERTS:-$here/../Hub.Service/hub-data/certs}

if grep -q '{{hubTrackingNumber}}' "$file" && [ -z "$number" ]; then
    echo "$0: $operation needs a hubTrackingNumber: $0 $operation $participant NUMBER" >&2
    exit 2
fi
case $number in
    *[!A-Za-z0-9._-]*) echo "$0: NUMBER may hold only letters, digits, '.', '_' and '-'" >&2; exit 2 ;;
esac
case $participant in
    *[!a-z0-9]* | '') echo "$0: PARTICIPANT is a connection code such as nl or ke" >&2; exit 2 ;;
esac
for f in server.crt.pem "$participant.crt.pem" "$participant.key.pem"; do
    [ -f "$certs/$f" ] || { echo "$0: $certs/$f is missing: run the hub once (dotnet run --project Hub.Service) or set HUB_CERTS" >&2; exit 2; }
done

body=$(mktemp)
answer=$(mktemp)
trap 'rm -f "$body" "$answer"' EXIT
sed "s/{{hubTrackingNumber}}/$number/g" "$file" > "$body"

status=$(curl -sS -o "$answer" -w '%{http_code}' \
    --cacert "$certs/server.crt.pem" --cert "$certs/$participant.crt.pem" --key "$certs/$participant.key.pem" \
    -H 'Content-Type: text/xml; charset=utf-8' -H "SOAPAction: $action" \
    --data-binary @"$body" "$url$endpoint")
cat "$answer"
echo
echo "HTTP $status ($operation as $participant)" >&2
[ "$status" = 200 ] || exit 1
