// (De)serialisation of Facts.h with llvm::json.  Field names are short but
// readable; absent fields take the struct defaults so the format can grow.
#include "facts/FactsJson.h"

#include "llvm/Support/JSON.h"

namespace coffman {
namespace facts {

using llvm::json::Array;
using llvm::json::Object;
using JValue = llvm::json::Value;

static JValue locJson(const SourceLoc &l) {
  return Array{l.file, l.line, l.col};
}

static JValue pathJson(const Path &p) {
  Array ops;
  for (const std::string &op : p.ops)
    ops.push_back(op);
  Object o{{"r", static_cast<int>(p.root)}, {"n", p.name}};
  if (!p.key.empty() && p.key != p.name)
    o["k"] = p.key;
  if (p.root == RootKind::Param)
    o["p"] = p.param;
  if (!ops.empty())
    o["o"] = std::move(ops);
  if (!p.pointee.empty())
    o["t"] = p.pointee;
  if (p.stable)
    o["s"] = true;
  return o;
}

static JValue valueJson(const facts::Value &v) {
  Object o{{"k", static_cast<int>(v.kind)}};
  if (v.path.known())
    o["p"] = pathJson(v.path);
  if (!v.function.empty())
    o["f"] = v.function;
  if (!v.pointee.empty())
    o["t"] = v.pointee;
  if (v.kind == facts::Value::Int)
    o["n"] = static_cast<int64_t>(v.number);
  if (v.holds.known())
    o["h"] = pathJson(v.holds);
  return o;
}

static JValue eventJson(const Event &e) {
  Object o{{"e", static_cast<int>(e.kind)}, {"l", locJson(e.loc)}};
  if (e.lock.known() || !e.lock.name.empty())
    o["lk"] = pathJson(e.lock);
  if (e.lockKind != LockKind::Unknown)
    o["kd"] = static_cast<int>(e.lockKind);
  if (e.access != Access::Exclusive)
    o["a"] = static_cast<int>(e.access);
  if (e.mode != AcquireMode::Blocking)
    o["m"] = static_cast<int>(e.mode);
  if (e.object.known() || !e.object.name.empty())
    o["ob"] = pathJson(e.object);
  if (!e.callee.empty())
    o["c"] = e.callee;
  if (!e.calleeName.empty() && e.calleeName != e.callee)
    o["cn"] = e.calleeName;
  if (!e.args.empty()) {
    Array args;
    for (const facts::Value &v : e.args)
      args.push_back(valueJson(v));
    o["as"] = std::move(args);
  }
  if (e.flag)
    o["fl"] = true;
  return o;
}

static JValue blockJson(const Block &b) {
  Array events, succs;
  for (const Event &e : b.events)
    events.push_back(eventJson(e));
  for (int s : b.succs)
    succs.push_back(s);
  Object o{{"ev", std::move(events)}, {"s", std::move(succs)}};
  if (b.branch.kind != Branch::None) {
    Object br{{"k", static_cast<int>(b.branch.kind)},
              {"v", b.branch.var},
              {"e", b.branch.event},
              {"t", b.branch.trueSucc}};
    if (b.branch.compare)
      br["x"] = static_cast<int64_t>(b.branch.value);
    if (b.branch.param >= 0)
      br["p"] = b.branch.param;
    o["br"] = std::move(br);
  }
  if (b.loop.valid())
    o["lp"] = locJson(b.loop);
  if (b.noReturn)
    o["nr"] = true;
  if (b.forkChild)
    o["fk"] = true;
  return o;
}

static JValue functionJson(const Function &f) {
  Array blocks, effects;
  for (const Block &b : f.blocks)
    blocks.push_back(blockJson(b));
  for (const CapabilityEffect &c : f.effects)
    effects.push_back(Object{{"p", pathJson(c.lock)},
                             {"a", static_cast<int>(c.access)},
                             {"rel", c.release},
                             {"try", c.tryAcquire},
                             {"ok", c.successValue}});
  Object o{{"key", f.key},         {"name", f.name},
           {"loc", locJson(f.loc)}, {"np", f.numParams},
           {"def", f.defined},     {"fx", std::move(effects)},
           {"b", std::move(blocks)}, {"entry", f.entry},
           {"exit", f.exit}};
  if (!f.escapedHandles.empty()) { // ThreadHandleFacts
    Array eh;
    for (const std::string &h : f.escapedHandles)
      eh.push_back(h);
    o["eh"] = std::move(eh);
  }
  if (f.callsTestCancel)
    o["tc"] = true;
  if (!f.paramNames.empty()) {
    Array pn;
    for (const std::string &n : f.paramNames)
      pn.push_back(n);
    o["pn"] = std::move(pn);
  }
  if (!f.nullTested.empty()) { // PointerFacts
    Array nt;
    for (const std::string &n : f.nullTested)
      nt.push_back(n);
    o["nt"] = std::move(nt);
  }
  if (!f.comparedPairs.empty()) { // OrderFacts
    Array cp;
    for (const std::string &c : f.comparedPairs)
      cp.push_back(c);
    o["cp"] = std::move(cp);
  }
  return o;
}

std::string toJson(const TranslationUnit &tu) {
  Array fns;
  for (const Function &f : tu.functions)
    fns.push_back(functionJson(f));
  Array relock, sems; // LockInitFacts
  for (const Path &p : tu.relockableLocks)
    relock.push_back(pathJson(p));
  for (const Path &p : tu.prepostedSems)
    sems.push_back(pathJson(p));
  Array writes, decls, inited; // PointerFacts
  for (const std::string &w : tu.pointerWrites)
    writes.push_back(w);
  for (const SlotDecl &d : tu.pointerDecls)
    decls.push_back(Array{pathJson(d.var), locJson(d.loc)});
  for (const ObjectInit &i : tu.initialisedSems)
    inited.push_back(Array{i.function, pathJson(i.object)});
  Array links; // OrderFacts
  for (const std::string &l : tu.linkFields)
    links.push_back(l);
  Array fdUses, fdEffects, fdCopies, fdArgs, nbCalls; // FdFacts
  for (const FdUse &u : tu.fdUses)
    fdUses.push_back(Array{locJson(u.call), u.fd});
  for (const FdEffect &e : tu.fdEffects) {
    Array params;
    for (unsigned p : e.params)
      params.push_back(p);
    fdEffects.push_back(Array{e.function, e.slot, e.create,
                              std::string(1, e.state), std::move(params)});
  }
  for (const FdCopy &c : tu.fdCopies)
    fdCopies.push_back(Array{c.function, c.from, c.to});
  for (const FdArg &a : tu.fdArgs)
    fdArgs.push_back(Array{a.call, a.function, a.callee, a.index,
                           std::string(1, a.kind), a.slot, a.nonblock,
                           a.truth, a.param});
  for (const SourceLoc &l : tu.nonBlockingCalls)
    nbCalls.push_back(locJson(l));
  Array gates; // GateFacts
  for (const Path &p : tu.passThroughLocks)
    gates.push_back(pathJson(p));
  Array stores; // FactsBuilder: pointers stored in named objects
  for (const Store &st : tu.stores)
    stores.push_back(Array{pathJson(st.target), valueJson(st.value)});
  JValue doc = Object{{"coffman_facts", kFactsVersion},
                     {"file", tu.file},
                     {"functions", std::move(fns)},
                     {"stores", std::move(stores)},
                     {"relock", std::move(relock)},
                     {"cancel", tu.callsCancel},
                     {"sems", std::move(sems)},
                     {"pw", std::move(writes)},
                     {"pd", std::move(decls)},
                     {"si", std::move(inited)},
                     {"lf", std::move(links)},
                     {"fu", std::move(fdUses)},
                     {"fe", std::move(fdEffects)},
                     {"fc", std::move(fdCopies)},
                     {"fa", std::move(fdArgs)},
                     {"nbc", std::move(nbCalls)},
                     {"gates", std::move(gates)}};
  std::string out;
  llvm::raw_string_ostream os(out);
  os << doc;
  return out;
}

// ---- reading -------------------------------------------------------------

namespace {
struct Reader {
  std::string error;

  std::string str(const Object &o, llvm::StringRef k) {
    auto v = o.getString(k);
    return v ? v->str() : std::string();
  }
  int64_t num(const Object &o, llvm::StringRef k, int64_t dflt = 0) {
    auto v = o.getInteger(k);
    return v ? *v : dflt;
  }
  bool flag(const Object &o, llvm::StringRef k, bool dflt = false) {
    auto v = o.getBoolean(k);
    return v ? *v : dflt;
  }

  SourceLoc loc(const JValue *v) {
    SourceLoc l;
    const Array *a = v ? v->getAsArray() : nullptr;
    if (!a || a->size() != 3)
      return l;
    if (auto s = (*a)[0].getAsString())
      l.file = s->str();
    l.line = static_cast<unsigned>((*a)[1].getAsInteger().value_or(0));
    l.col = static_cast<unsigned>((*a)[2].getAsInteger().value_or(0));
    return l;
  }

  Path path(const JValue *v) {
    Path p;
    const Object *o = v ? v->getAsObject() : nullptr;
    if (!o)
      return p;
    int r = static_cast<int>(num(*o, "r", 4));
    p.root = static_cast<RootKind>(r < 0 || r > 4 ? 4 : r);
    p.name = str(*o, "n");
    p.key = o->get("k") ? str(*o, "k") : p.name;
    p.param = static_cast<unsigned>(num(*o, "p"));
    p.pointee = str(*o, "t");
    p.stable = flag(*o, "s");
    if (const Array *ops = o->getArray("o"))
      for (const JValue &op : *ops)
        if (auto s = op.getAsString())
          p.ops.push_back(s->str());
    return p;
  }

  facts::Value value(const JValue &v) {
    facts::Value out;
    const Object *o = v.getAsObject();
    if (!o)
      return out;
    out.kind = static_cast<facts::Value::Kind>(num(*o, "k"));
    out.path = path(o->get("p"));
    out.function = str(*o, "f");
    out.pointee = str(*o, "t");
    out.number = num(*o, "n");
    if (o->get("h"))
      out.holds = path(o->get("h"));
    return out;
  }

  Event event(const JValue &v) {
    Event e;
    const Object *o = v.getAsObject();
    if (!o) {
      error = "event is not an object";
      return e;
    }
    e.kind = static_cast<EventKind>(num(*o, "e"));
    e.loc = loc(o->get("l"));
    e.lock = path(o->get("lk"));
    e.lockKind = static_cast<LockKind>(num(*o, "kd", 5));
    e.access = static_cast<Access>(num(*o, "a"));
    e.mode = static_cast<AcquireMode>(num(*o, "m"));
    e.object = path(o->get("ob"));
    e.callee = str(*o, "c");
    e.calleeName = o->get("cn") ? str(*o, "cn") : e.callee;
    if (const Array *as = o->getArray("as"))
      for (const JValue &a : *as)
        e.args.push_back(value(a));
    e.flag = flag(*o, "fl");
    return e;
  }

  Block block(const JValue &v) {
    Block b;
    const Object *o = v.getAsObject();
    if (!o) {
      error = "block is not an object";
      return b;
    }
    if (const Array *ev = o->getArray("ev"))
      for (const JValue &e : *ev)
        b.events.push_back(event(e));
    if (const Array *s = o->getArray("s"))
      for (const JValue &x : *s)
        b.succs.push_back(static_cast<int>(x.getAsInteger().value_or(-1)));
    if (const Object *br = o->getObject("br")) {
      b.branch.kind = static_cast<Branch::Kind>(num(*br, "k"));
      b.branch.var = str(*br, "v");
      b.branch.event = static_cast<unsigned>(num(*br, "e"));
      b.branch.trueSucc = static_cast<unsigned>(num(*br, "t"));
      b.branch.compare = br->get("x") != nullptr;
      b.branch.value = num(*br, "x");
      b.branch.param = static_cast<int>(num(*br, "p", -1));
    }
    b.loop = loc(o->get("lp"));
    if (const JValue *nr = o->get("nr"))
      b.noReturn = nr->getAsBoolean().value_or(false);
    if (const JValue *fc = o->get("fk"))
      b.forkChild = fc->getAsBoolean().value_or(false);
    return b;
  }

  Function function(const JValue &v) {
    Function f;
    const Object *o = v.getAsObject();
    if (!o) {
      error = "function is not an object";
      return f;
    }
    f.key = str(*o, "key");
    f.name = str(*o, "name");
    f.loc = loc(o->get("loc"));
    f.numParams = static_cast<unsigned>(num(*o, "np"));
    f.defined = flag(*o, "def");
    if (const Array *fx = o->getArray("fx"))
      for (const JValue &x : *fx) {
        const Object *c = x.getAsObject();
        if (!c)
          continue;
        CapabilityEffect e;
        e.lock = path(c->get("p"));
        e.access = static_cast<Access>(num(*c, "a"));
        e.release = flag(*c, "rel");
        e.tryAcquire = flag(*c, "try");
        e.successValue = flag(*c, "ok", true);
        f.effects.push_back(e);
      }
    if (const Array *bs = o->getArray("b"))
      for (const JValue &b : *bs)
        f.blocks.push_back(block(b));
    f.entry = static_cast<int>(num(*o, "entry", -1));
    f.exit = static_cast<int>(num(*o, "exit", -1));
    if (const Array *eh = o->getArray("eh")) // ThreadHandleFacts
      for (const JValue &h : *eh)
        if (auto k = h.getAsString())
          f.escapedHandles.push_back(k->str());
    f.callsTestCancel = flag(*o, "tc");
    if (const Array *pn = o->getArray("pn"))
      for (const JValue &n : *pn)
        f.paramNames.push_back(n.getAsString() ? n.getAsString()->str() : "");
    if (const Array *nt = o->getArray("nt")) // PointerFacts
      for (const JValue &n : *nt)
        if (auto k = n.getAsString())
          f.nullTested.push_back(k->str());
    if (const Array *cp = o->getArray("cp")) // OrderFacts
      for (const JValue &c : *cp)
        if (auto k = c.getAsString())
          f.comparedPairs.push_back(k->str());
    return f;
  }
};

std::string text(const Array &a, size_t i) {
  if (i >= a.size())
    return "";
  auto s = a[i].getAsString();
  return s ? s->str() : "";
}

long long integer(const Array &a, size_t i, long long otherwise) {
  return i < a.size() ? a[i].getAsInteger().value_or(otherwise) : otherwise;
}

bool boolean(const Array &a, size_t i) {
  return i < a.size() && a[i].getAsBoolean().value_or(false);
}

char letter(const Array &a, size_t i, char otherwise) {
  std::string s = text(a, i);
  return s.empty() ? otherwise : s[0];
}

// FdFacts: how descriptors are created, changed, copied and passed.
void readFdFlow(const Object &o, TranslationUnit &tu) {
  if (const Array *fe = o.getArray("fe"))
    for (const JValue &x : *fe)
      if (const Array *a = x.getAsArray()) {
        FdEffect e{text(*a, 0), text(*a, 1), boolean(*a, 2),
                   letter(*a, 3, 'N'), {}};
        if (a->size() > 4)
          if (const Array *ps = (*a)[4].getAsArray())
            for (const JValue &p : *ps)
              e.params.push_back(
                  static_cast<unsigned>(p.getAsInteger().value_or(0)));
        tu.fdEffects.push_back(std::move(e));
      }
  if (const Array *fc = o.getArray("fc"))
    for (const JValue &x : *fc)
      if (const Array *a = x.getAsArray())
        tu.fdCopies.push_back({text(*a, 0), text(*a, 1), text(*a, 2)});
  if (const Array *fa = o.getArray("fa"))
    for (const JValue &x : *fa)
      if (const Array *a = x.getAsArray())
        tu.fdArgs.push_back(
            {text(*a, 0), text(*a, 1), text(*a, 2),
             static_cast<unsigned>(integer(*a, 3, 0)), letter(*a, 4, '-'),
             text(*a, 5), boolean(*a, 6),
             static_cast<int>(integer(*a, 7, -1)),
             static_cast<int>(integer(*a, 8, -1))});
}
} // namespace

bool fromJson(const std::string &text, TranslationUnit &tu,
              std::string &error) {
  llvm::Expected<JValue> doc = llvm::json::parse(text);
  if (!doc) {
    error = llvm::toString(doc.takeError());
    return false;
  }
  const Object *o = doc->getAsObject();
  if (!o || o->getInteger("coffman_facts").value_or(0) != kFactsVersion) {
    error = "not a coffman facts document of version " +
            std::to_string(kFactsVersion);
    return false;
  }
  Reader r;
  tu.file = r.str(*o, "file");
  if (const Array *fns = o->getArray("functions"))
    for (const JValue &f : *fns)
      tu.functions.push_back(r.function(f));
  if (const Array *relock = o->getArray("relock"))
    for (const JValue &p : *relock)
      tu.relockableLocks.push_back(r.path(&p));
  tu.callsCancel = o->getBoolean("cancel").value_or(false);
  if (const Array *sems = o->getArray("sems"))
    for (const JValue &p : *sems)
      tu.prepostedSems.push_back(r.path(&p));
  if (const Array *pw = o->getArray("pw")) // PointerFacts
    for (const JValue &w : *pw)
      if (auto k = w.getAsString())
        tu.pointerWrites.push_back(k->str());
  if (const Array *pd = o->getArray("pd"))
    for (const JValue &x : *pd)
      if (const Array *pair = x.getAsArray())
        if (pair->size() == 2)
          tu.pointerDecls.push_back({r.path(&(*pair)[0]), r.loc(&(*pair)[1])});
  if (const Array *si = o->getArray("si"))
    for (const JValue &x : *si)
      if (const Array *pair = x.getAsArray())
        if (pair->size() == 2 && (*pair)[0].getAsString())
          tu.initialisedSems.push_back(
              {(*pair)[0].getAsString()->str(), r.path(&(*pair)[1])});
  if (const Array *lf = o->getArray("lf")) // OrderFacts
    for (const JValue &l : *lf)
      if (auto k = l.getAsString())
        tu.linkFields.push_back(k->str());
  if (const Array *fu = o->getArray("fu")) // FdFacts
    for (const JValue &x : *fu)
      if (const Array *pair = x.getAsArray())
        if (pair->size() == 2 && (*pair)[1].getAsString())
          tu.fdUses.push_back(
              {r.loc(&(*pair)[0]), (*pair)[1].getAsString()->str()});
  readFdFlow(*o, tu);
  if (const Array *nbc = o->getArray("nbc"))
    for (const JValue &l : *nbc)
      tu.nonBlockingCalls.push_back(r.loc(&l));
  if (const Array *g = o->getArray("gates")) // GateFacts
    for (const JValue &p : *g)
      tu.passThroughLocks.push_back(r.path(&p));
  if (const Array *st = o->getArray("stores"))
    for (const JValue &x : *st)
      if (const Array *pair = x.getAsArray())
        if (pair->size() == 2)
          tu.stores.push_back({r.path(&(*pair)[0]), r.value((*pair)[1])});
  if (!r.error.empty()) {
    error = r.error;
    return false;
  }
  return true;
}

} // namespace facts
} // namespace coffman
