#!/bin/sh
# make run: create the demo database on first run, then open the program.
BIN=${1:-build/sangtao}
DB=${SANGTAO_DEMO_DB:-demo.db}
PW=${SANGTAO_DEMO_PASSWORD:-demo1234}
if [ ! -e "$DB" ]; then
    echo "Tạo cơ sở dữ liệu mẫu $DB …"
    printf '%s\n' "$PW" | SANGTAO_PASSWORD="$PW" "$BIN" --db "$DB" init --demo || exit 1
fi
echo "Đăng nhập: admin / $PW (mọi tài khoản mẫu dùng cùng mật khẩu)"
exec "$BIN" --db "$DB"
