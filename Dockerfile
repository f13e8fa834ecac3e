FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 HF_HUB_OFFLINE=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

COPY . .
RUN useradd --create-home --uid 1000 voicefit && mkdir -p /app/var && chown -R voicefit /app/var
USER voicefit

EXPOSE 8000
CMD ["gunicorn", "-c", "python:voicefit.gunicorn", "voicefit.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
