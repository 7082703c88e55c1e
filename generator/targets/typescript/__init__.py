"""The TypeScript target: names, types and filters (target.py); the pinned
toolchain that formats and compiles lives in templates/typescript/toolchain/."""
