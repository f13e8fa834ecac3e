# Everything runs from the virtualenv .venv, created on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck format check migrate worker beat asgi start stop bench clean fuzz

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# torch before the rest, as its CPU build on Linux (requirements.txt pins it; PyPI's is the CUDA
# build): from the configured index or wheel folder when it has that wheel, else PyTorch's CPU
# index. The requirements installed after it find it satisfied and fetch no other torch.
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu
TORCH_LINUX := $(shell sed -n 's/^\(torch==[^ ;]*+cpu\);.*/\1/p' requirements.txt)

$(VENV)/.torch: requirements.txt | $(VENV)/bin/activate
	if [ "$$(uname -s)" = Linux ]; then \
	  $(PY) -m pip install --quiet --no-deps "$(TORCH_LINUX)" 2>/dev/null \
	  || $(PY) -m pip install --quiet --no-deps --index-url $(TORCH_CPU_INDEX) "$(TORCH_LINUX)"; \
	fi
	touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.torch | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.torch | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## run: install, start the embedded services, migrate, load data, serve on http://$(HOST):$(PORT)
run: $(VENV)/.runtime
	$(PY) manage.py bootstrap
	$(PY) -m gunicorn -c python:voicefit.gunicorn voicefit.wsgi --bind $(HOST):$(PORT) --workers 2

## asgi: the same service under uvicorn (needed for streamed coach answers)
asgi: $(VENV)/.runtime
	$(PY) manage.py bootstrap
	$(PY) -m uvicorn voicefit.asgi:application --host $(HOST) --port $(PORT) --workers 2

## test: install the dev requirements, run the static checks and the whole suite
test: $(VENV)/.dev lint
	$(PY) -m pytest -q

## lint: ruff, import contracts, types, Django's system checks and missing migrations
lint: $(VENV)/.dev typecheck
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

## typecheck: mypy with the django-stubs plugin (about 40 s cold, a few seconds cached)
typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy .

## fuzz: a long schemathesis run (30 examples per operation, all checks) against `make run`
fuzz: $(VENV)/.dev
	$(PY) -m bench.fuzz --base-url http://$(HOST):$(PORT)

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate

worker: $(VENV)/.runtime
	$(VENV)/bin/celery -A voicefit worker --loglevel INFO

beat: $(VENV)/.runtime
	$(VENV)/bin/celery -A voicefit beat --loglevel INFO

## start: start the embedded PostgreSQL and Valkey (any process also starts them on first use)
start: $(VENV)/.runtime
	$(PY) manage.py embedded start

## stop: stop the embedded PostgreSQL and Valkey
stop: $(VENV)/.runtime
	$(PY) manage.py embedded stop

clean: stop
	rm -rf var
