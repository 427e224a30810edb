import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BASE62, encodeBase62, randomBase62 } from "./base62";
import { generateKey, hashKey, keyHint, parseKey, KEY_ENVIRONMENTS } from "./format";

describe("generateKey", () => {
  it("has the documented shape", () => {
    const key = generateKey("kd", "live");
    expect(key).toMatch(/^kd_live_[0-9A-Za-z]{36}$/);
    expect(parseKey(key)).toEqual({ prefix: "kd", environment: "live" });
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateKey("kd", "test")));
    expect(keys.size).toBe(2000);
  });

  it("every generated key passes its checksum (property)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{2,8}$/),
        fc.constantFrom(...KEY_ENVIRONMENTS),
        (prefix, environment) => {
          expect(parseKey(generateKey(prefix, environment))).toEqual({ prefix, environment });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("any single-character change fails the checksum (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEY_ENVIRONMENTS),
        fc.nat(),
        fc.nat(),
        (environment, positionSeed, charSeed) => {
          const key = generateKey("kd", environment);
          const bodyStart = key.lastIndexOf("_") + 1;
          const position = bodyStart + (positionSeed % (key.length - bodyStart));
          const original = key[position]!;
          const replacement = BASE62[(BASE62.indexOf(original) + 1 + (charSeed % 61)) % 62]!;
          const mutated = key.slice(0, position) + replacement + key.slice(position + 1);
          expect(mutated).not.toBe(key);
          expect(parseKey(mutated)).toBeNull();
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("a changed prefix or environment fails the checksum", () => {
    const key = generateKey("kd", "live");
    expect(parseKey(key.replace("kd_live_", "kd_test_"))).toBeNull();
    expect(parseKey(key.replace("kd_live_", "kx_live_"))).toBeNull();
  });
});

describe("parseKey", () => {
  it.each(["", "kd_live_", "Bearer kd_live_x", "kd_prod_" + "a".repeat(36), "KD_live_" + "a".repeat(36), "kd_live_" + "a".repeat(37), "x".repeat(10_000)])(
    "rejects %j",
    (candidate) => {
      expect(parseKey(candidate)).toBeNull();
    },
  );

  it("rejects arbitrary strings (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(parseKey(s)).toBeNull();
      }),
    );
  });
});

describe("hashKey and keyHint", () => {
  it("hashes with SHA-256 hex", () => {
    expect(hashKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("shows four characters each side of the body", () => {
    const key = generateKey("kd", "test");
    const body = key.slice("kd_test_".length);
    expect(keyHint(key)).toBe(`kd_test_${body.slice(0, 4)}…${body.slice(-4)}`);
  });
});

describe("base62", () => {
  it("encodes fixed width", () => {
    expect(encodeBase62(0, 6)).toBe("000000");
    expect(encodeBase62(61, 2)).toBe("0z");
    expect(encodeBase62(2 ** 32 - 1, 6)).toMatch(/^[0-9A-Za-z]{6}$/);
  });

  it("draws every character", () => {
    const seen = new Set(randomBase62(20_000));
    expect(seen.size).toBe(62);
  });
});
