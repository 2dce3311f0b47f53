package dev.coderl4j.models.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.lm.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face tokenizer read from a model folder, offline, through DJL's binding of the Rust
 * {@code tokenizers} library.
 *
 * <p>Reads {@code tokenizer.json} when the folder has one; otherwise builds the equivalent
 * definition from {@code vocab.json} + {@code merges.txt}, which is how CodeT5's RoBERTa-style
 * byte-level BPE tokenizer is published (see {@link BpeDefinition}). Padding and end-of-sequence
 * ids come from {@code special_tokens_map.json} / {@code tokenizer_config.json}, then from the
 * model's {@code config.json}, then from the usual token names ({@code <pad>}, {@code </s>}, {@code
 * <|endoftext|>}). No truncation or padding is configured: callers see every token.
 */
public final class HfTokenizer implements TextTokenizer, AutoCloseable {
  /** The tokenizer definition file. */
  public static final String TOKENIZER_JSON = "tokenizer.json";

  /** The BPE vocabulary of a slow (RoBERTa/GPT-2 style) tokenizer. */
  public static final String VOCAB_JSON = "vocab.json";

  /** The BPE merges of a slow tokenizer. */
  public static final String MERGES_TXT = "merges.txt";

  /** Special token names. */
  public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

  /** Tokenizer options, including special tokens. */
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

  /** Extra tokens of a slow tokenizer. */
  public static final String ADDED_TOKENS = "added_tokens.json";

  /** One token's character span in the input text, end exclusive (Java {@code char} indices). */
  public record Span(int start, int end) {
    /** Checks {@code 0 <= start <= end}. */
    public Span {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException(
            "span needs 0 <= start <= end, found [" + start + ", " + end + ")");
      }
    }
  }

  /**
   * An encoding with the detail needed to check parity: ids, token strings and character offsets.
   */
  public record Encoded(Tokens ids, List<String> tokens, List<Span> offsets) {
    /** Copies the lists and checks they have one entry per id. */
    public Encoded {
      Objects.requireNonNull(ids, "ids");
      tokens = List.copyOf(tokens);
      offsets = List.copyOf(offsets);
      if (tokens.size() != ids.size() || offsets.size() != ids.size()) {
        throw new IllegalArgumentException(
            "encoding has "
                + ids.size()
                + " ids, "
                + tokens.size()
                + " tokens and "
                + offsets.size()
                + " offsets");
      }
    }
  }

  private final Path dir;
  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> vocab;
  private final int vocabSize;
  private final int padId;
  private final int eosId;
  private final OptionalInt bosId;

  private HfTokenizer(
      Path dir,
      HuggingFaceTokenizer tokenizer,
      Map<String, Integer> vocab,
      int padId,
      int eosId,
      OptionalInt bosId) {
    this.dir = dir;
    this.tokenizer = tokenizer;
    this.vocab = vocab;
    this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.padId = padId;
    this.eosId = eosId;
    this.bosId = bosId;
  }

  /**
   * Loads the tokenizer of {@code dir}: {@code tokenizer.json}, or {@code vocab.json} + {@code
   * merges.txt}.
   *
   * @throws CheckpointException if the folder has neither, a file is malformed, or the padding and
   *     end-of-sequence tokens cannot be determined
   */
  public static HfTokenizer load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(
          "tokenizer folder " + dir + " does not exist or is not a folder");
    }
    ObjectMapper json = new ObjectMapper();
    SpecialTokens special = SpecialTokens.read(dir, json);
    String definition;
    Path tokenizerJson = dir.resolve(TOKENIZER_JSON);
    if (Files.isRegularFile(tokenizerJson)) {
      definition = readText(tokenizerJson);
    } else if (Files.isRegularFile(dir.resolve(VOCAB_JSON))
        && Files.isRegularFile(dir.resolve(MERGES_TXT))) {
      definition = BpeDefinition.build(dir, special, json);
    } else {
      throw new CheckpointException(
          "tokenizer folder "
              + dir
              + " has neither "
              + TOKENIZER_JSON
              + " nor "
              + VOCAB_JSON
              + " + "
              + MERGES_TXT
              + " (copy the tokenizer files of the model from the hub into it)");
    }
    Map<String, Integer> vocab = vocabulary(definition, dir, json);
    int pad = special.resolve("pad", vocab, dir).orElse(-1);
    int eos =
        special
            .resolve("eos", vocab, dir)
            .orElseThrow(
                () ->
                    new CheckpointException(
                        "tokenizer folder "
                            + dir
                            + ": cannot tell the end-of-sequence token; add "
                            + SPECIAL_TOKENS_MAP
                            + " with \"eos_token\" (or eos_token_id to config.json)"));
    if (pad < 0) {
      // GPT-2 style tokenizers have no padding token; transformers pads with EOS for generation.
      pad = eos;
    }
    OptionalInt bos = special.resolve("bos", vocab, dir);
    Map<String, String> options = new HashMap<>();
    options.put("addSpecialTokens", "true");
    options.put("truncation", "false");
    options.put("padding", "false");
    options.put("doLowerCase", "false");
    HuggingFaceTokenizer tok;
    try {
      tok =
          HuggingFaceTokenizer.newInstance(
              new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)), options);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException(
          "tokenizer folder "
              + dir
              + ": the tokenizers library rejected the definition: "
              + e.getMessage(),
          e);
    }
    return new HfTokenizer(dir, tok, vocab, pad, eos, bos);
  }

  static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Token to id over the model vocabulary and the added tokens of a {@code tokenizer.json}. */
  private static Map<String, Integer> vocabulary(String definition, Path dir, ObjectMapper json) {
    JsonNode root;
    try {
      root = json.readTree(definition);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          dir.resolve(TOKENIZER_JSON) + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, Integer> vocab = new HashMap<>();
    JsonNode modelVocab = root.path("model").path("vocab");
    if (modelVocab.isObject()) {
      modelVocab.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
    } else if (modelVocab.isArray()) {
      // Unigram models list [piece, score] pairs; the id is the position.
      for (int i = 0; i < modelVocab.size(); i++) {
        vocab.put(modelVocab.get(i).path(0).asText(), i);
      }
    }
    for (JsonNode t : root.path("added_tokens")) {
      vocab.put(t.path("content").asText(), t.path("id").asInt());
    }
    if (vocab.isEmpty()) {
      throw new CheckpointException(dir + ": the tokenizer definition has an empty vocabulary");
    }
    return Map.copyOf(vocab);
  }

  /** The folder this tokenizer was loaded from. */
  public Path dir() {
    return dir;
  }

  @Override
  public Tokens encode(String text, boolean addSpecialTokens) {
    return toTokens(tokenizer.encode(text, addSpecialTokens, false).getIds());
  }

  /**
   * Encodes and also returns the token strings and character offsets (for parity checks and
   * highlighting).
   */
  public Encoded encodeDetailed(String text, boolean addSpecialTokens) {
    Encoding e = tokenizer.encode(text, addSpecialTokens, false);
    List<Span> spans = new ArrayList<>();
    for (CharSpan s : e.getCharTokenSpans()) {
      // Special tokens added by the post-processor have no span in the text; the library reports
      // them as null, Python as (0, 0).
      spans.add(s == null ? new Span(0, 0) : new Span(s.getStart(), s.getEnd()));
    }
    return new Encoded(toTokens(e.getIds()), Arrays.asList(e.getTokens()), spans);
  }

  /** Encodes several texts (in parallel inside the native library), without padding. */
  public List<Tokens> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts, addSpecialTokens, false);
    List<Tokens> out = new ArrayList<>(encodings.length);
    for (Encoding e : encodings) {
      out.add(toTokens(e.getIds()));
    }
    return out;
  }

  @Override
  public String decode(Tokens ids) {
    return decode(ids, true);
  }

  /** Decodes ids to text, keeping special tokens unless {@code skipSpecialTokens}. */
  public String decode(Tokens ids, boolean skipSpecialTokens) {
    return tokenizer.decode(toLongs(ids), skipSpecialTokens);
  }

  /** Decodes several sequences, dropping special tokens. */
  public List<String> decodeBatch(List<Tokens> sequences) {
    if (sequences.isEmpty()) {
      return List.of();
    }
    long[][] ids = new long[sequences.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = toLongs(sequences.get(i));
    }
    return List.of(tokenizer.batchDecode(ids, true));
  }

  /** The id of a token string (vocabulary or added token), if it has one. */
  public OptionalInt tokenId(String token) {
    Integer id = vocab.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /**
   * One more than the largest id the tokenizer can produce (the model's embedding may be larger).
   */
  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  /** The beginning-of-sequence id, if the tokenizer has one. */
  public OptionalInt bosId() {
    return bosId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static Tokens toTokens(long[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return Tokens.of(out);
  }

  private static long[] toLongs(Tokens ids) {
    return ids.stream().asLongStream().toArray();
  }

  /**
   * Special tokens named by a folder's {@code special_tokens_map.json} and {@code
   * tokenizer_config.json}, with the ids of its {@code config.json} as a fallback.
   */
  record SpecialTokens(
      Map<String, SpecialToken> named,
      Map<String, Integer> configIds,
      List<SpecialToken> additional) {
    SpecialTokens {
      named = Map.copyOf(named);
      configIds = Map.copyOf(configIds);
      additional = List.copyOf(additional);
    }

    /** Conventional names, tried when a folder names no token of a kind. */
    private static final Map<String, List<String>> CONVENTIONAL =
        Map.of(
            "pad", List.of("<pad>"),
            "eos", List.of("</s>", "<|endoftext|>"),
            "bos", List.of("<s>", "<|endoftext|>"),
            "unk", List.of("<unk>"),
            "mask", List.of("<mask>"));

    static SpecialTokens read(Path dir, ObjectMapper json) {
      Map<String, SpecialToken> named = new LinkedHashMap<>();
      List<SpecialToken> additional = new ArrayList<>();
      // tokenizer_config.json first, then special_tokens_map.json, which transformers gives
      // precedence.
      for (String file : List.of(TOKENIZER_CONFIG, SPECIAL_TOKENS_MAP)) {
        JsonNode root = readJson(dir.resolve(file), json);
        if (root == null) {
          continue;
        }
        for (String kind : List.of("bos", "eos", "unk", "sep", "pad", "cls", "mask")) {
          SpecialToken.parse(root.get(kind + "_token")).ifPresent(t -> named.put(kind, t));
        }
        JsonNode extra = root.path("additional_special_tokens");
        if (extra.isArray() && !extra.isEmpty()) {
          additional.clear();
          extra.forEach(n -> SpecialToken.parse(n).ifPresent(additional::add));
        }
      }
      Map<String, Integer> configIds = new HashMap<>();
      JsonNode config = readJson(dir.resolve(Checkpoint.CONFIG), json);
      if (config != null) {
        for (String kind : List.of("pad", "eos", "bos")) {
          JsonNode id = config.path(kind + "_token_id");
          if (id.isArray() && !id.isEmpty()) {
            id = id.get(0);
          }
          if (id.isIntegralNumber()) {
            configIds.put(kind, id.asInt());
          }
        }
      }
      return new SpecialTokens(named, configIds, additional);
    }

    /** The named token of a kind, else the conventional name present in {@code vocab}. */
    Optional<SpecialToken> token(String kind, Map<String, Integer> vocab) {
      SpecialToken t = named.get(kind);
      if (t != null) {
        return Optional.of(t);
      }
      return CONVENTIONAL.getOrDefault(kind, List.of()).stream()
          .filter(vocab::containsKey)
          .findFirst()
          .map(SpecialToken::plain);
    }

    OptionalInt resolve(String kind, Map<String, Integer> vocab, Path dir) {
      SpecialToken t = named.get(kind);
      if (t != null) {
        Integer id = vocab.get(t.content());
        if (id == null) {
          throw new CheckpointException(
              "tokenizer folder "
                  + dir
                  + ": "
                  + kind
                  + "_token \""
                  + t.content()
                  + "\" is not in the vocabulary");
        }
        return OptionalInt.of(id);
      }
      Integer id = configIds.get(kind);
      if (id != null) {
        return OptionalInt.of(id);
      }
      return token(kind, vocab)
          .map(s -> OptionalInt.of(vocab.get(s.content())))
          .orElse(OptionalInt.empty());
    }

    private static JsonNode readJson(Path file, ObjectMapper json) {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      try {
        return json.readTree(readText(file));
      } catch (JsonProcessingException e) {
        throw new CheckpointException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  /** A special token with the matching options transformers stores beside it. */
  record SpecialToken(String content, boolean lstrip, boolean rstrip) {
    SpecialToken {
      Objects.requireNonNull(content, "content");
    }

    static SpecialToken plain(String content) {
      return new SpecialToken(content, false, false);
    }

    /** A token written either as a string or as {@code {"content": ..., "lstrip": ...}}. */
    static Optional<SpecialToken> parse(JsonNode node) {
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (node.isTextual()) {
        return Optional.of(plain(node.asText()));
      }
      if (node.isObject() && node.path("content").isTextual()) {
        return Optional.of(
            new SpecialToken(
                node.get("content").asText(),
                node.path("lstrip").asBoolean(false),
                node.path("rstrip").asBoolean(false)));
      }
      return Optional.empty();
    }
  }

  /**
   * Builds a {@code tokenizer.json} definition from {@code vocab.json} + {@code merges.txt}, as
   * {@code transformers}' RoBERTa converter does for CodeT5's tokenizer: byte-level pre-tokenizer,
   * BPE model without an unknown token (every byte has a symbol), RoBERTa post-processing ({@code
   * <s> A </s>}) and a byte-level decoder.
   *
   * <p>One deliberate difference: the post-processor's {@code trim_offsets} is false, so character
   * offsets include a token's leading space exactly as the {@code tokenizer.json} route reports
   * them; ids and decoded text do not depend on it.
   */
  static final class BpeDefinition {
    private BpeDefinition() {}

    static String build(Path dir, SpecialTokens special, ObjectMapper json) {
      Path vocabFile = dir.resolve(VOCAB_JSON);
      Path mergesFile = dir.resolve(MERGES_TXT);
      JsonNode vocabNode;
      try {
        vocabNode = json.readTree(readText(vocabFile));
      } catch (JsonProcessingException e) {
        throw new CheckpointException(
            vocabFile + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (vocabNode == null || !vocabNode.isObject() || vocabNode.isEmpty()) {
        throw new CheckpointException(
            vocabFile + " must be a non-empty JSON object of token -> id");
      }
      Map<String, Integer> vocab = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : vocabNode.properties()) {
        if (!e.getValue().isIntegralNumber() || e.getValue().asInt() < 0) {
          throw new CheckpointException(
              vocabFile + ": id of \"" + e.getKey() + "\" must be a non-negative integer");
        }
        vocab.put(e.getKey(), e.getValue().asInt());
      }
      Path addedFile = dir.resolve(ADDED_TOKENS);
      Map<String, Integer> added = new LinkedHashMap<>();
      if (Files.isRegularFile(addedFile)) {
        try {
          json.readTree(readText(addedFile))
              .properties()
              .forEach(e -> added.put(e.getKey(), e.getValue().asInt()));
        } catch (JsonProcessingException e) {
          throw new CheckpointException(
              addedFile + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
      }
      Map<String, Integer> all = new HashMap<>(vocab);
      all.putAll(added);

      JsonNodeFactory f = JsonNodeFactory.instance;
      ObjectNode root = f.objectNode();
      root.put("version", "1.0");
      root.putNull("truncation");
      root.putNull("padding");
      ArrayNode addedTokens = root.putArray("added_tokens");
      Map<String, SpecialToken> specials = new LinkedHashMap<>();
      for (String kind : List.of("pad", "bos", "eos", "unk", "mask", "sep", "cls")) {
        special.token(kind, all).ifPresent(t -> specials.putIfAbsent(t.content(), t));
      }
      special.additional().forEach(t -> specials.putIfAbsent(t.content(), t));
      Map<String, Boolean> toAdd = new LinkedHashMap<>();
      specials.keySet().forEach(t -> toAdd.put(t, true));
      added.keySet().forEach(t -> toAdd.putIfAbsent(t, false));
      List<Map.Entry<String, Boolean>> ordered = new ArrayList<>(toAdd.entrySet());
      ordered.sort(
          (a, b) -> Integer.compare(idOf(all, a.getKey(), dir), idOf(all, b.getKey(), dir)));
      for (Map.Entry<String, Boolean> e : ordered) {
        SpecialToken t = specials.getOrDefault(e.getKey(), SpecialToken.plain(e.getKey()));
        ObjectNode n = addedTokens.addObject();
        n.put("id", idOf(all, e.getKey(), dir));
        n.put("content", e.getKey());
        n.put("single_word", false);
        n.put("lstrip", t.lstrip());
        n.put("rstrip", t.rstrip());
        n.put("normalized", !e.getValue());
        n.put("special", e.getValue());
      }
      root.putNull("normalizer");
      boolean addPrefixSpace = false;
      JsonNode config = SpecialTokens.readJson(dir.resolve(TOKENIZER_CONFIG), json);
      if (config != null && config.path("add_prefix_space").isBoolean()) {
        addPrefixSpace = config.get("add_prefix_space").asBoolean();
      }
      ObjectNode pre = root.putObject("pre_tokenizer");
      pre.put("type", "ByteLevel");
      pre.put("add_prefix_space", addPrefixSpace);
      pre.put("trim_offsets", true);
      pre.put("use_regex", true);
      Optional<SpecialToken> cls = special.token("cls", all).or(() -> special.token("bos", all));
      Optional<SpecialToken> sep = special.token("sep", all).or(() -> special.token("eos", all));
      ObjectNode post = root.putObject("post_processor");
      if (cls.isPresent() && sep.isPresent()) {
        post.put("type", "RobertaProcessing");
        ArrayNode sepNode = post.putArray("sep");
        sepNode.add(sep.get().content()).add(idOf(all, sep.get().content(), dir));
        ArrayNode clsNode = post.putArray("cls");
        clsNode.add(cls.get().content()).add(idOf(all, cls.get().content(), dir));
        post.put("trim_offsets", false);
        post.put("add_prefix_space", addPrefixSpace);
      } else {
        // GPT-2 style: no wrapping tokens.
        post.put("type", "ByteLevel");
        post.put("add_prefix_space", addPrefixSpace);
        post.put("trim_offsets", false);
        post.put("use_regex", true);
      }
      ObjectNode decoder = root.putObject("decoder");
      decoder.put("type", "ByteLevel");
      decoder.put("add_prefix_space", true);
      decoder.put("trim_offsets", true);
      decoder.put("use_regex", true);
      ObjectNode model = root.putObject("model");
      model.put("type", "BPE");
      model.putNull("dropout");
      model.putNull("unk_token");
      model.put("continuing_subword_prefix", "");
      model.put("end_of_word_suffix", "");
      model.put("fuse_unk", false);
      model.put("byte_fallback", false);
      model.put("ignore_merges", false);
      ObjectNode v = model.putObject("vocab");
      vocab.forEach(v::put);
      ArrayNode merges = model.putArray("merges");
      readMerges(mergesFile).forEach(pair -> merges.addArray().add(pair.get(0)).add(pair.get(1)));
      try {
        return json.writeValueAsString(root);
      } catch (JsonProcessingException e) {
        throw new CheckpointException(
            "cannot write the tokenizer definition for " + dir + ": " + e.getMessage(), e);
      }
    }

    private static int idOf(Map<String, Integer> all, String token, Path dir) {
      Integer id = all.get(token);
      if (id == null) {
        throw new CheckpointException(
            "tokenizer folder "
                + dir
                + ": special token \""
                + token
                + "\" is in neither "
                + VOCAB_JSON
                + " nor "
                + ADDED_TOKENS);
      }
      return id;
    }

    /** Merge pairs, one {@code "left right"} per line after an optional {@code #version} header. */
    static List<List<String>> readMerges(Path file) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
      }
      List<List<String>> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
          continue;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
          throw new CheckpointException(
              file
                  + ": line "
                  + (i + 1)
                  + " must be two symbols separated by one space, found \""
                  + line
                  + "\"");
        }
        out.add(List.of(parts[0], parts[1]));
      }
      return out;
    }
  }
}
