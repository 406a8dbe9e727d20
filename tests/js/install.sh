#!/usr/bin/env bash
# Install the test-only npm packages of tests/js (mermaid-cli and puppeteer, versions pinned in
# package-lock.json) into tests/js/node_modules. Setup time only: the tests never use the network.
#
# No browser is downloaded: the tests drive Debian's chromium (apt-get install chromium), found
# at $PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium. Needs Node.js >= 20 and npm.
set -euo pipefail
cd "$(dirname "$0")"
# puppeteer 24 would fetch Chrome and chrome-headless-shell in its postinstall; say no to both.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
# katex ships Python build scripts (src/**/*.py); pytest's --doctest-modules would try to
# import them when it walks tests/. They are not needed to render.
find node_modules -name '*.py' -delete
