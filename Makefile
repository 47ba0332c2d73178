# The two commands in README.md are the contract: `make run` and `make test`.
# Both work on a bare machine with only Python 3.11 and make.

# Python 3.11 (Django 5.2 LTS); `python3` is accepted when it is 3.11.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
ZALO_SIM_PORT ?= 8790
ZALO_SIM := http://127.0.0.1:$(ZALO_SIM_PORT)
SSO_SIM_PORT ?= 8791
VNPAY_SIM_PORT ?= 8792
ZALOPAY_SIM_PORT ?= 8793
OIDC_MODULES := tests/oidc/node_modules/.installed
MINIAPP_PORT ?= 8794
MINIAPP_MODULES := miniapp/node_modules/.installed

.PHONY: run test install install-dev lint migrate seed page-weight bench bench-search bench-dashboards miniapp miniapp-check clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null \
		|| { echo "Cần Python 3.11 (không tìm thấy python3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run pip only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_geography
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo

# The demo's provincial SSO ("Tây Ninh ID"): a real OpenID Provider on 127.0.0.1 (manage.py sso_simulator).
run: export OIDC_SERVERS ?= [{"id": "tayninh-id", "name": "Tây Ninh ID", "client_id": "cong-cong-dan-demo", "secret": "demo-sso-secret", "server_url": "http://127.0.0.1:$(SSO_SIM_PORT)"}]
run: seed $(OIDC_MODULES) miniapp
	@echo ""
	@echo "Cổng Công dân đang chạy:"
	@echo "  Trang công dân:  http://$(HOST):$(PORT)/"
	@echo "  Quản trị:        http://$(HOST):$(PORT)/admin/"
	@echo "  API:             http://$(HOST):$(PORT)/api/v1/   (tài liệu: /api/docs/)"
	@echo "  Kiểm tra sống:   http://$(HOST):$(PORT)/healthz"
	@echo "  Cán bộ:          http://$(HOST):$(PORT)/tai-khoan/login/   (tài khoản và mật khẩu in ở trên)"
	@echo "  Tin nhắn đến điện thoại công dân (Zalo, SMS, mã một lần): http://127.0.0.1:$(ZALO_SIM_PORT)/"
	@echo "  Công dân: “Đăng nhập bằng Zalo” → chọn người trên Zalo giả lập; mức 2: “Xác thực bằng Tây Ninh ID”"
	@echo "  Tây Ninh ID (giả lập): http://127.0.0.1:$(SSO_SIM_PORT)   (cần Node.js; không có thì dùng /dang-nhap/demo/)"
	@echo "  Đăng nhập nhanh: http://$(HOST):$(PORT)/dang-nhap/demo/   (chỉ khi DEBUG)"
	@echo "  Cửa hàng 4.0:    http://$(HOST):$(PORT)/cua-hang/   (đăng ký, duyệt bởi cán bộ phường, mã VietQR, giấy chứng nhận)"
	@echo "  Tin tức, truyền hình, radio: http://$(HOST):$(PORT)/tin-tuc/  ·  /truyen-hinh/   (biên tập: bientap.tanninh)"
	@echo "  Bảng số liệu:    http://$(HOST):$(PORT)/bang-dieu-khien/   (lanhdao.tanninh, solieu.tanninh, xem.solieu; một năm số liệu mẫu)"
	@echo "  Mini app Zalo (giả lập, mở ở khổ điện thoại 360×640): http://127.0.0.1:$(MINIAPP_PORT)/   (chọn người dùng Zalo; thanh toán qua Zalo Checkout giả lập)"
	@echo "  Thanh toán: VNPay và ZaloPay giả lập (http://127.0.0.1:$(VNPAY_SIM_PORT), :$(ZALOPAY_SIM_PORT)); mục “Khoản cần nộp”: /thanh-toan/"
	@echo "  (Bản demo tắt bắt buộc xác thực hai lớp cho cán bộ: STAFF_MFA_REQUIRED=1 make run để bật.)"
	@echo ""
	@# The server, the task worker (it reconnects after a database outage), the scheduler and the simulators
	@# run together; Ctrl+C stops them all.
	export DEBUG=$${DEBUG:-1} STAFF_MFA_REQUIRED=$${STAFF_MFA_REQUIRED:-0} \
	  ZALO_OAUTH_URL=$${ZALO_OAUTH_URL:-$(ZALO_SIM)} ZALO_OPENAPI_URL=$${ZALO_OPENAPI_URL:-$(ZALO_SIM)} \
	  ZALO_BUSINESS_URL=$${ZALO_BUSINESS_URL:-$(ZALO_SIM)} ZALO_GRAPH_URL=$${ZALO_GRAPH_URL:-$(ZALO_SIM)} \
	  PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} \
	  SMS_PROVIDER=$${SMS_PROVIDER:-notifications.sms.SimulatorSmsProvider} SMS_SIMULATOR_URL=$(ZALO_SIM) \
	  DEMO_MESSAGES_URL=$${DEMO_MESSAGES_URL:-$(ZALO_SIM)/} \
	  VNPAY_PAY_URL=$${VNPAY_PAY_URL:-http://127.0.0.1:$(VNPAY_SIM_PORT)/paymentv2/vpcpay.html} \
	  VNPAY_API_URL=$${VNPAY_API_URL:-http://127.0.0.1:$(VNPAY_SIM_PORT)/merchant_webapi/api/transaction} \
	  ZALOPAY_API_URL=$${ZALOPAY_API_URL:-http://127.0.0.1:$(ZALOPAY_SIM_PORT)} \
	  ZALO_CHECKOUT_API_URL=$${ZALO_CHECKOUT_API_URL:-$(ZALO_SIM)}; \
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/python manage.py zalo_simulator --port $(ZALO_SIM_PORT) & \
	$(BIN)/python manage.py sso_simulator & \
	$(BIN)/python manage.py payment_simulators --vnpay-port $(VNPAY_SIM_PORT) --zalopay-port $(ZALOPAY_SIM_PORT) & \
	$(BIN)/python manage.py run_worker & \
	$(BIN)/python manage.py run_scheduler & \
	{ [ -f miniapp/dist-shim/index.html ] && $(BIN)/python manage.py miniapp_shim --port $(MINIAPP_PORT) \
	    --api http://$(HOST):$(PORT) --zalo-simulator $(ZALO_SIM) || true; } & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The level-2 identity tests, and make run's "Tây Ninh ID", run a real OpenID Provider (npm oidc-provider).
$(OIDC_MODULES): tests/oidc/package.json tests/oidc/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the OIDC tests will be skipped (CI requires them)"; fi

# The Zalo Mini App (miniapp/): npm ci, then the Zalo build (real zmp-sdk) and the shim build (tests, make run).
$(MINIAPP_MODULES): miniapp/package.json miniapp/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix miniapp --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the mini app is not built (CI requires it)"; fi

miniapp: $(MINIAPP_MODULES)
	@if [ -f $(MINIAPP_MODULES) ]; then \
		cd miniapp && npx vite build --logLevel warn && npx vite build --mode shim --logLevel warn; fi

# Its unit tests, its API calls against the OpenAPI schema, and its weight budget (both builds).
miniapp-check: install-dev miniapp
	@if [ -f $(MINIAPP_MODULES) ]; then \
		DEBUG=1 $(BIN)/python manage.py spectacular --format openapi-json --file miniapp/.openapi.json 2>/dev/null && \
		cd miniapp && node --test test/ && node scripts/check-api.mjs .openapi.json && node scripts/budget.mjs dist dist-shim; fi

test: install-dev $(OIDC_MODULES) miniapp-check
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

page-weight: install-dev
	$(BIN)/python scripts/page_weight.py

# Public pages and APIs beside a bare Django view, with production settings (scripts/bench.py; BENCH_ARGS for more,
# e.g. BENCH_ARGS="--seed-dossiers 1000000 --seed-reports 300000"). Point DATABASE_URL at a scratch database.
bench: install-dev
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# The portal search: quality on the demo and server time over 100,000 documents (DATABASE_URL: a scratch database).
bench-search: install-dev
	$(BIN)/python scripts/search_bench.py $(SEARCH_BENCH_ARGS)

# The dashboards: p50/p95 of every page and API call as the province, a district and a ward (DASHBOARD_BENCH_ARGS,
# e.g. "--seed-dossiers 1000000 --seed-reports 300000 --seed-citizens 300000 --p95-ms 300"; DATABASE_URL: a scratch
# database).
bench-dashboards: install-dev
	$(BIN)/python scripts/dashboard_bench.py $(DASHBOARD_BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
