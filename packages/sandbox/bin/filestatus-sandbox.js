#!/usr/bin/env node
// Committed launcher, so package managers can link the command before the first build.
import "../dist/bin.js";
