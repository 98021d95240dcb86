#!/usr/bin/env node
// The installed command. It exists before the build so that npm can link it; the code is in dist/.
import '../dist/main.js';
