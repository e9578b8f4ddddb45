#!/usr/bin/env node
// The ordersync command; the code is built into dist/ (this file exists before the build, so that
// installing the workspace can link the command).
import '../dist/cli.js'
