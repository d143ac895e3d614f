// Snowball runtime for the stemmers that build_tools/search/snowball_js.py generates from the
// snowballstemmer package used at build time. It mirrors snowballstemmer's BaseStemmer exactly
// (same cursor, slice and among-search semantics), so queries stem like the index.
(function (root) {
  "use strict";

  class Among {
    constructor(s, substringI, result, method) {
      this.s = s;
      this.substring_i = substringI;
      this.result = result;
      this.method = method || null;
    }
  }

  class BaseStemmer {
    constructor() {
      this.set_current("");
    }

    set_current(value) {
      this.current = value;
      this.cursor = 0;
      this.limit = value.length;
      this.limit_backward = 0;
      this.bra = this.cursor;
      this.ket = this.limit;
    }

    get_current() {
      return this.current;
    }

    in_grouping(s) {
      if (this.cursor >= this.limit || !s.has(this.current[this.cursor])) return false;
      this.cursor += 1;
      return true;
    }

    go_in_grouping(s) {
      while (this.cursor < this.limit) {
        if (!s.has(this.current[this.cursor])) return true;
        this.cursor += 1;
      }
      return false;
    }

    in_grouping_b(s) {
      if (this.cursor <= this.limit_backward || !s.has(this.current[this.cursor - 1])) return false;
      this.cursor -= 1;
      return true;
    }

    go_in_grouping_b(s) {
      while (this.cursor > this.limit_backward) {
        if (!s.has(this.current[this.cursor - 1])) return true;
        this.cursor -= 1;
      }
      return false;
    }

    out_grouping(s) {
      if (this.cursor >= this.limit || s.has(this.current[this.cursor])) return false;
      this.cursor += 1;
      return true;
    }

    go_out_grouping(s) {
      while (this.cursor < this.limit) {
        if (s.has(this.current[this.cursor])) return true;
        this.cursor += 1;
      }
      return false;
    }

    out_grouping_b(s) {
      if (this.cursor <= this.limit_backward || s.has(this.current[this.cursor - 1])) return false;
      this.cursor -= 1;
      return true;
    }

    go_out_grouping_b(s) {
      while (this.cursor > this.limit_backward) {
        if (s.has(this.current[this.cursor - 1])) return true;
        this.cursor -= 1;
      }
      return false;
    }

    eq_s(s) {
      if (this.limit - this.cursor < s.length || this.current.slice(this.cursor, this.cursor + s.length) !== s) {
        return false;
      }
      this.cursor += s.length;
      return true;
    }

    eq_s_b(s) {
      if (this.cursor - this.limit_backward < s.length || this.current.slice(this.cursor - s.length, this.cursor) !== s) {
        return false;
      }
      this.cursor -= s.length;
      return true;
    }

    find_among(v) {
      let i = 0;
      let j = v.length;
      const c = this.cursor;
      const l = this.limit;
      let commonI = 0;
      let commonJ = 0;
      let firstKeyInspected = false;
      for (;;) {
        const k = i + ((j - i) >> 1);
        let diff = 0;
        let common = Math.min(commonI, commonJ);
        const w = v[k];
        for (let i2 = common; i2 < w.s.length; i2++) {
          if (c + common === l) { diff = -1; break; }
          diff = this.current.charCodeAt(c + common) - w.s.charCodeAt(i2);
          if (diff !== 0) break;
          common += 1;
        }
        if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
        if (j - i <= 1) {
          if (i > 0 || j === i || firstKeyInspected) break;
          firstKeyInspected = true;
        }
      }
      for (;;) {
        const w = v[i];
        if (commonI >= w.s.length) {
          this.cursor = c + w.s.length;
          if (w.method === null) return w.result;
          if (w.method.call(this)) { this.cursor = c + w.s.length; return w.result; }
        }
        i = w.substring_i;
        if (i < 0) return 0;
      }
    }

    find_among_b(v) {
      let i = 0;
      let j = v.length;
      const c = this.cursor;
      const lb = this.limit_backward;
      let commonI = 0;
      let commonJ = 0;
      let firstKeyInspected = false;
      for (;;) {
        const k = i + ((j - i) >> 1);
        let diff = 0;
        let common = Math.min(commonI, commonJ);
        const w = v[k];
        for (let i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
          if (c - common === lb) { diff = -1; break; }
          diff = this.current.charCodeAt(c - 1 - common) - w.s.charCodeAt(i2);
          if (diff !== 0) break;
          common += 1;
        }
        if (diff < 0) { j = k; commonJ = common; } else { i = k; commonI = common; }
        if (j - i <= 1) {
          if (i > 0 || j === i || firstKeyInspected) break;
          firstKeyInspected = true;
        }
      }
      for (;;) {
        const w = v[i];
        if (commonI >= w.s.length) {
          this.cursor = c - w.s.length;
          if (w.method === null) return w.result;
          if (w.method.call(this)) { this.cursor = c - w.s.length; return w.result; }
        }
        i = w.substring_i;
        if (i < 0) return 0;
      }
    }

    replace_s(cBra, cKet, s) {
      const adjustment = s.length - (cKet - cBra);
      this.current = this.current.slice(0, cBra) + s + this.current.slice(cKet);
      this.limit += adjustment;
      if (this.cursor >= cKet) this.cursor += adjustment;
      else if (this.cursor > cBra) this.cursor = cBra;
      return adjustment;
    }

    slice_from(s) {
      this.replace_s(this.bra, this.ket, s);
      this.ket = this.bra + s.length;
    }

    slice_del() {
      this.slice_from("");
    }

    insert(cBra, cKet, s) {
      const adjustment = this.replace_s(cBra, cKet, s);
      if (cBra <= this.bra) this.bra += adjustment;
      if (cBra <= this.ket) this.ket += adjustment;
    }

    slice_to() {
      return this.current.slice(this.bra, this.ket);
    }

    assign_to() {
      return this.current.slice(0, this.limit);
    }

    stemWord(word) {
      this.set_current(word);
      this._stem();
      return this.current;
    }
  }

  root.SSASnowball = { Among, BaseStemmer, stemmers: root.SSASnowball ? root.SSASnowball.stemmers : {} };
})(self);
