#!/usr/bin/env bash
# A local Synapse for trying the Matrix channel: generates its configuration (server name
# "localhost"), starts it, registers the bot (@lotse:localhost) and a counsellor
# (@berater:localhost), and creates the counsellors' room with the bot invited. Prints what to put
# into .env; then `docker compose up -d` restarts the instances with the Matrix channel on.
#
#   docker/matrix-setup.sh [bot-password] [counsellor-password]
#
# Run from the project folder. Needs docker compose and curl. Running it again is harmless: users
# that exist are kept, and a new room is created.
set -euo pipefail
cd "$(dirname "$0")/.."

BOT_PASSWORD="${1:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
COUNSELLOR_PASSWORD="${2:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
HS=http://localhost:8008
compose() { docker compose --profile matrix "$@"; }

if ! compose run --rm --no-deps synapse sh -c 'test -f /data/homeserver.yaml'; then
  echo "Generating Synapse's configuration"
  compose run --rm --no-deps synapse generate
fi
# registration by shared secret, for register_new_matrix_user below
compose run --rm --no-deps --entrypoint sh synapse -c \
  'grep -q "^registration_shared_secret" /data/homeserver.yaml || echo "registration_shared_secret: \"$(head -c 24 /dev/urandom | base64)\"" >> /data/homeserver.yaml'

compose up -d synapse
echo -n "Waiting for Synapse"
until curl -fsS "$HS/health" >/dev/null 2>&1; do echo -n .; sleep 2; done
echo

register() { # user password
  compose exec -T synapse register_new_matrix_user -u "$1" -p "$2" --no-admin -c /data/homeserver.yaml http://localhost:8008 \
    || echo "($1 exists already: kept, with its old password)"
}
register lotse "$BOT_PASSWORD"
register berater "$COUNSELLOR_PASSWORD"

json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p"; }
TOKEN=$(curl -fsS -X POST "$HS/_matrix/client/v3/login" -H 'Content-Type: application/json' \
  -d "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"berater\"},\"password\":\"$COUNSELLOR_PASSWORD\"}" \
  | json_field access_token)
if [ -z "$TOKEN" ]; then
  echo "The counsellor could not log in (an older password?). Pass it as the second argument." >&2
  exit 1
fi
ROOM=$(curl -fsS -X POST "$HS/_matrix/client/v3/createRoom" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"name":"Lotse: Beratung","preset":"private_chat","invite":["@lotse:localhost"]}' | json_field room_id)

cat <<EOT

Synapse runs on $HS (server name "localhost"). Log in with Element or any Matrix client as
@berater:localhost, password: $COUNSELLOR_PASSWORD

Put these lines into .env, then run: docker compose --profile matrix up -d
LOTSE_MATRIX_HOMESERVER=http://synapse:8008
LOTSE_MATRIX_USER=lotse
LOTSE_MATRIX_PASSWORD=$BOT_PASSWORD
LOTSE_MATRIX_COUNSELLORS_ROOM=$ROOM
EOT
