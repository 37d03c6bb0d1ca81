# One image for the web app and the worker (the command picks which).
# GPU hosts build FROM an image with CUDA and pass MODELYARD_LLAMA_CPP_CUDA=1 to the toolchain.
FROM node:20-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv python3-dev cmake g++ git unzip \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN bash scripts/db.sh generate && npx next build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["bash", "scripts/docker-entry.sh", "web"]
