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

.PHONY: run test install install-dev lint migrate seed page-weight clean

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

run: seed
	@echo ""
	@echo "Cổng Công dân đang chạy:"
	@echo "  Trang công dân:  http://$(HOST):$(PORT)/"
	@echo "  Quản trị:        http://$(HOST):$(PORT)/admin/"
	@echo "  API:             http://$(HOST):$(PORT)/api/v1/   (tài liệu: /api/docs/)"
	@echo "  Kiểm tra sống:   http://$(HOST):$(PORT)/healthz"
	@echo "  Zalo (giả lập):  http://127.0.0.1:$(ZALO_SIM_PORT)   — đăng nhập Zalo và tin ZNS/OA của bản demo"
	@echo "  Đăng nhập nhanh: http://$(HOST):$(PORT)/dang-nhap/demo/   (chỉ khi DEBUG)"
	@echo "  (Bản demo tắt bắt buộc xác thực hai lớp cho cán bộ: STAFF_MFA_REQUIRED=1 make run để bật.)"
	@echo ""
	@# The server, the task worker, the scheduler and the Zalo simulator run together; Ctrl+C stops them all.
	export DEBUG=$${DEBUG:-1} STAFF_MFA_REQUIRED=$${STAFF_MFA_REQUIRED:-0} \
	  ZALO_OAUTH_URL=$${ZALO_OAUTH_URL:-$(ZALO_SIM)} ZALO_OPENAPI_URL=$${ZALO_OPENAPI_URL:-$(ZALO_SIM)} \
	  ZALO_BUSINESS_URL=$${ZALO_BUSINESS_URL:-$(ZALO_SIM)} ZALO_GRAPH_URL=$${ZALO_GRAPH_URL:-$(ZALO_SIM)} \
	  PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}; \
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/python manage.py zalo_simulator --port $(ZALO_SIM_PORT) & \
	$(BIN)/python manage.py db_worker & \
	$(BIN)/python manage.py run_scheduler & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The level-2 identity tests run a real OpenID Provider (npm oidc-provider) on 127.0.0.1.
OIDC_MODULES := tests/oidc/node_modules/.installed
$(OIDC_MODULES): tests/oidc/package.json tests/oidc/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the OIDC tests will be skipped (CI requires them)"; fi

test: install-dev $(OIDC_MODULES)
	$(BIN)/ruff check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

page-weight: install-dev
	$(BIN)/python scripts/page_weight.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
