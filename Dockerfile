# brobygger in a container, for facilitators and CI jobs without a Rust toolchain:
#
#   docker build -t brobygger .
#   docker run --rm -v "$PWD":/site brobygger                 # = brobygger build
#   docker run --rm -v "$PWD":/site brobygger check
#   docker run --rm -it -p 1111:1111 -v "$PWD":/site brobygger serve --bind 0.0.0.0
#
# Two stages: Rust on Alpine (musl) builds a static binary; the final image is plain Alpine
# with that one file (a shell stays, so CI jobs can use the image too). tests/packaging.rs
# checks this file and .dockerignore.

ARG RUST_VERSION=1.95
ARG ALPINE_VERSION=3.22

FROM rust:${RUST_VERSION}-alpine AS build
# mimalloc's C code needs the C library's headers. Not pinned: the package's version is the
# one of the Alpine release the Rust image is on.
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
# Only what the build reads (.dockerignore keeps the rest out): the manifest and lock file,
# the build script, the code, and the theme and starter sites compiled into the binary.
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY themes ./themes
RUN cargo build --release --locked \
    && install -m 0755 target/release/brobygger /usr/local/bin/brobygger \
    && brobygger --version

FROM alpine:${ALPINE_VERSION}
COPY --from=build /usr/local/bin/brobygger /usr/local/bin/brobygger
# The site is mounted here; `build` writes /site/public, which is the host's folder.
WORKDIR /site
# serve's default port (pass --bind 0.0.0.0 to reach it from outside the container).
EXPOSE 1111
ENTRYPOINT ["brobygger"]
CMD ["build"]
