package dev.coderl4j.models.hf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict unpickler for the {@code data.pkl} of a PyTorch {@code state_dict} saved with {@code
 * torch.save}.
 *
 * <p>Pickle is a program for a stack machine, and a general unpickler runs whatever callables the
 * file names (the classic {@code os.system} attack). This one implements only the opcodes a
 * state_dict uses, and calls only four kinds of globals, each interpreted here rather than looked
 * up: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code
 * torch._utils._rebuild_parameter} and the typed storage classes ({@code torch.FloatStorage} and
 * friends) as they appear in persistent ids. Anything else fails, naming the opcode or global.
 */
final class TorchPickle {

  /**
   * A storage named by a persistent id: {@code ('storage', torch.FloatStorage, key, location,
   * numel)}.
   */
  record StorageRef(String key, TensorDType dtype, long numel) {}

  /** The arguments of {@code _rebuild_tensor_v2}: a view into a storage. */
  record TensorRef(StorageRef storage, long offset, List<Long> size, List<Long> stride) {
    TensorRef {
      size = List.copyOf(size);
      stride = List.copyOf(stride);
    }
  }

  /** A Python tuple (immutable). */
  private record Tuple(List<Object> items) {
    Tuple {
      items = Collections.unmodifiableList(new ArrayList<>(items));
    }
  }

  /** The globals we accept; nothing else can be named. */
  private sealed interface Global {}

  private record OrderedDictClass() implements Global {}

  private record RebuildTensorV2() implements Global {}

  private record RebuildParameter() implements Global {}

  private record StorageClass(TensorDType dtype, String name) implements Global {}

  /** The pickle stack's MARK, a sentinel object. */
  private static final class Mark {}

  private static final Map<String, TensorDType> STORAGE_TYPES =
      Map.ofEntries(
          Map.entry("FloatStorage", TensorDType.F32),
          Map.entry("DoubleStorage", TensorDType.F64),
          Map.entry("HalfStorage", TensorDType.F16),
          Map.entry("BFloat16Storage", TensorDType.BF16),
          Map.entry("LongStorage", TensorDType.I64),
          Map.entry("IntStorage", TensorDType.I32),
          Map.entry("ShortStorage", TensorDType.I16),
          Map.entry("CharStorage", TensorDType.I8),
          Map.entry("ByteStorage", TensorDType.U8),
          Map.entry("BoolStorage", TensorDType.BOOL));

  private final String where;
  private final ByteBuffer in;
  private final List<Object> stack = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private final Mark mark = new Mark();

  private TorchPickle(String where, byte[] pickle) {
    this.where = where;
    this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Unpickles a state_dict: an ordered map from parameter name to tensor view.
   *
   * @param where the file (and zip entry) for error messages
   * @throws CheckpointException on any opcode or global outside the state_dict subset, or if the
   *     result is not a mapping from strings to tensors
   */
  static Map<String, TensorRef> readStateDict(String where, byte[] pickle) {
    Object result = new TorchPickle(where, pickle).run();
    if (!(result instanceof LinkedHashMap<?, ?> dict)) {
      throw new CheckpointException(
          where
              + ": the pickle holds a "
              + describe(result)
              + ", not a state_dict (an ordered mapping of names to tensors); save"
              + " model.state_dict() rather than a whole training checkpoint");
    }
    Map<String, TensorRef> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new CheckpointException(
            where + ": state_dict key " + e.getKey() + " is not a string");
      }
      if (!(e.getValue() instanceof TensorRef t)) {
        throw new CheckpointException(
            where
                + ": state_dict entry \""
                + name
                + "\" holds a "
                + describe(e.getValue())
                + ", not a tensor; only flat state_dicts of tensors are supported");
      }
      out.put(name, t);
    }
    return out;
  }

  private Object run() {
    while (true) {
      if (!in.hasRemaining()) {
        throw fail("pickle ends without STOP (truncated data.pkl)");
      }
      int pos = in.position();
      int op = in.get() & 0xff;
      switch (op) {
        case 0x80 -> { // PROTO
          int proto = in.get() & 0xff;
          if (proto > 4) {
            throw fail(
                "pickle protocol " + proto + " is not supported (torch.save writes protocol 2)");
          }
        }
        case 0x95 -> in.getLong(); // FRAME (protocol 4): a length hint only
        case '.' -> { // STOP
          Object top = pop();
          if (!stack.isEmpty()) {
            throw fail("STOP with " + stack.size() + " objects left on the stack");
          }
          return top;
        }
        case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
        case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
        case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
        case '(' -> push(mark); // MARK
        case 't' -> push(new Tuple(popToMark())); // TUPLE
        case 0x85 -> push(new Tuple(List.of(pop()))); // TUPLE1
        case 0x86 -> { // TUPLE2
          Object b = pop();
          Object a = pop();
          push(new Tuple(List.of(a, b)));
        }
        case 0x87 -> { // TUPLE3
          Object c = pop();
          Object b = pop();
          Object a = pop();
          push(new Tuple(List.of(a, b, c)));
        }
        case 'N' -> push(null); // NONE
        case 0x88 -> push(Boolean.TRUE); // NEWTRUE
        case 0x89 -> push(Boolean.FALSE); // NEWFALSE
        case 'J' -> push((long) in.getInt()); // BININT
        case 'K' -> push((long) (in.get() & 0xff)); // BININT1
        case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
        case 0x8a -> push(readLong1()); // LONG1
        case 'G' ->
            push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT (big-endian)
        case 'X' -> push(readString(readLength(in.getInt()))); // BINUNICODE
        case 0x8c -> push(readString(in.get() & 0xff)); // SHORT_BINUNICODE
        case 'q' -> memo.put((long) (in.get() & 0xff), peek()); // BINPUT
        case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek()); // LONG_BINPUT
        case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
        case 'h' -> push(memoGet(in.get() & 0xff)); // BINGET
        case 'j' -> push(memoGet(in.getInt() & 0xffffffffL)); // LONG_BINGET
        case 'c' -> push(resolveGlobal(readLine(), readLine())); // GLOBAL
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop();
          Object module = pop();
          if (!(module instanceof String m) || !(name instanceof String n)) {
            throw fail("STACK_GLOBAL needs two strings");
          }
          push(resolveGlobal(m, n));
        }
        case 'Q' -> push(persistentLoad(pop())); // BINPERSID
        case 'R' -> { // REDUCE
          Object args = pop();
          Object callable = pop();
          push(reduce(callable, args));
        }
        case 'b' -> { // BUILD
          Object state = pop();
          build(peek(), state);
        }
        case 's' -> { // SETITEM
          Object value = pop();
          Object key = pop();
          dictOnTop("SETITEM").put(key, value);
        }
        case 'u' -> { // SETITEMS
          List<Object> items = popToMark();
          if (items.size() % 2 != 0) {
            throw fail("SETITEMS with an odd number of items");
          }
          Map<Object, Object> dict = dictOnTop("SETITEMS");
          for (int i = 0; i < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
          }
        }
        case 'a' -> { // APPEND
          Object value = pop();
          listOnTop("APPEND").add(value);
        }
        case 'e' -> { // APPENDS
          List<Object> items = popToMark();
          listOnTop("APPENDS").addAll(items);
        }
        default ->
            throw fail(
                String.format(
                    "opcode 0x%02x at byte %d is outside the state_dict subset this reader accepts"
                        + " (convert the checkpoint to safetensors)",
                    op, pos));
      }
    }
  }

  private Object resolveGlobal(String module, String name) {
    String qualified = module + "." + name;
    Global g =
        switch (qualified) {
          case "collections.OrderedDict" -> new OrderedDictClass();
          case "torch._utils._rebuild_tensor_v2" -> new RebuildTensorV2();
          case "torch._utils._rebuild_parameter" -> new RebuildParameter();
          default -> {
            TensorDType storage = module.equals("torch") ? STORAGE_TYPES.get(name) : null;
            if (storage == null) {
              throw fail(
                  "refusing pickle GLOBAL "
                      + qualified
                      + ": only collections.OrderedDict, torch._utils._rebuild_tensor_v2,"
                      + " torch._utils._rebuild_parameter and torch.*Storage may appear in a"
                      + " state_dict (the file may be malicious, or it is not a plain state_dict;"
                      + " convert it to safetensors with a trusted Python)");
            }
            yield new StorageClass(storage, qualified);
          }
        };
    return g;
  }

  private Object persistentLoad(Object pid) {
    if (!(pid instanceof Tuple t)
        || t.items().size() != 5
        || !"storage".equals(t.items().get(0))
        || !(t.items().get(1) instanceof StorageClass sc)
        || !(t.items().get(2) instanceof String key)
        || !(t.items().get(4) instanceof Long numel)) {
      throw fail(
          "persistent id "
              + describe(pid)
              + " is not ('storage', torch.XStorage, key, location, numel)");
    }
    if (numel < 0) {
      throw fail("storage " + key + " has negative size " + numel);
    }
    return new StorageRef(key, sc.dtype(), numel);
  }

  private Object reduce(Object callable, Object args) {
    if (!(args instanceof Tuple a)) {
      throw fail("REDUCE arguments must be a tuple, found " + describe(args));
    }
    List<Object> x = a.items();
    if (!(callable instanceof Global g)) {
      throw fail("REDUCE on " + describe(callable) + ", which is not an allowed global");
    }
    return switch (g) {
      case OrderedDictClass o -> {
        if (!x.isEmpty()) {
          throw fail("OrderedDict called with arguments " + describe(args));
        }
        yield new LinkedHashMap<Object, Object>();
      }
      case RebuildTensorV2 r -> rebuildTensor(x);
      case RebuildParameter p -> {
        if (x.size() < 1 || !(x.get(0) instanceof TensorRef data)) {
          throw fail(
              "_rebuild_parameter expects (tensor, requires_grad, hooks), found " + describe(args));
        }
        yield data;
      }
      case StorageClass s ->
          throw fail(s.name() + " may appear only inside a persistent id, not be called");
    };
  }

  private TensorRef rebuildTensor(List<Object> x) {
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    if (x.size() < 4
        || !(x.get(0) instanceof StorageRef storage)
        || !(x.get(1) instanceof Long offset)
        || !(x.get(2) instanceof Tuple size)
        || !(x.get(3) instanceof Tuple stride)) {
      throw fail(
          "_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), found "
              + describe(new Tuple(x)));
    }
    if (x.size() > 5 && x.get(5) instanceof Map<?, ?> hooks && !hooks.isEmpty()) {
      throw fail("tensor with backward hooks; save a plain state_dict");
    }
    return new TensorRef(storage, offset, longs(size, "size"), longs(stride, "stride"));
  }

  private List<Long> longs(Tuple t, String what) {
    List<Long> out = new ArrayList<>();
    for (Object o : t.items()) {
      if (!(o instanceof Long l)) {
        throw fail("tensor " + what + " entry " + describe(o) + " is not an integer");
      }
      out.add(l);
    }
    return out;
  }

  private void build(Object target, Object state) {
    // torch.save pickles a state_dict's `_metadata` attribute (module versions) as BUILD state on
    // the OrderedDict; it does not affect the tensors, so we accept and drop it.
    if (!(target instanceof LinkedHashMap<?, ?>)) {
      throw fail("BUILD on a " + describe(target) + "; only a state_dict's metadata may be built");
    }
    if (!(state instanceof Map<?, ?>) && !(state instanceof Tuple)) {
      throw fail("BUILD state of a state_dict must be a dict, found " + describe(state));
    }
  }

  private long readLong1() {
    int n = in.get() & 0xff;
    if (n > 8) {
      throw fail("LONG1 integer of " + n + " bytes is too large");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (in.get() & 0xff) << (8 * i);
    }
    if (n > 0 && n < 8 && (v & (1L << (8 * n - 1))) != 0) {
      v -= 1L << (8 * n); // two's complement sign extension
    }
    return v;
  }

  private int readLength(int n) {
    if (n < 0 || n > in.remaining()) {
      throw fail("string length " + n + " runs past the end of the pickle");
    }
    return n;
  }

  private String readString(int n) {
    readLength(n);
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private String readLine() {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (!in.hasRemaining()) {
        throw fail("GLOBAL name runs past the end of the pickle");
      }
      byte b = in.get();
      if (b == '\n') {
        return sb.toString();
      }
      sb.append((char) (b & 0xff));
    }
  }

  private Object memoGet(long key) {
    if (!memo.containsKey(key)) {
      throw fail("memo key " + key + " read before it was written");
    }
    return memo.get(key);
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dictOnTop(String op) {
    if (!(peek() instanceof LinkedHashMap<?, ?> d)) {
      throw fail(op + " on a " + describe(peek()) + ", not a dict");
    }
    return (Map<Object, Object>) d;
  }

  @SuppressWarnings("unchecked")
  private List<Object> listOnTop(String op) {
    if (!(peek() instanceof ArrayList<?> l)) {
      throw fail(op + " on a " + describe(peek()) + ", not a list");
    }
    return (List<Object>) l;
  }

  private void push(Object o) {
    stack.add(o);
  }

  private Object pop() {
    if (stack.isEmpty()) {
      throw fail("stack underflow");
    }
    Object o = stack.remove(stack.size() - 1);
    if (o == mark) {
      throw fail("unexpected MARK");
    }
    return o;
  }

  private Object peek() {
    if (stack.isEmpty()) {
      throw fail("stack underflow");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popToMark() {
    for (int i = stack.size() - 1; i >= 0; i--) {
      if (stack.get(i) == mark) {
        List<Object> items = new ArrayList<>(stack.subList(i + 1, stack.size()));
        stack.subList(i, stack.size()).clear();
        return items;
      }
    }
    throw fail("no MARK on the stack");
  }

  private CheckpointException fail(String message) {
    return new CheckpointException(where + ": " + message);
  }

  private static String describe(Object o) {
    return switch (o) {
      case null -> "None";
      case String s -> "string \"" + s + "\"";
      case Long l -> "int " + l;
      case Tuple t -> "tuple of " + t.items().size();
      case Map<?, ?> m -> "dict of " + m.size();
      case List<?> l -> "list of " + l.size();
      case TensorRef t -> "tensor";
      case StorageRef s -> "storage";
      default -> o.getClass().getSimpleName();
    };
  }
}
