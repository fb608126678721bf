package pai.agent.service.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A history's lines in an in-memory Lucene index, built for one question and dropped after it: a pai's
 * history changes with every message, and rebuilding a few thousand lines costs milliseconds.
 * <p>
 * A line's relevance is the share of the question's term weight it contains, each term weighted by
 * its inverse document frequency: every term is a constant-score clause boosted by its idf, so
 * Lucene's score is the idf of what matched and relevance is that over the idf of everything asked.
 * Unlike a raw BM25 score this is comparable across questions, so one threshold can say "unrelated";
 * a term nobody used weighs most, which is what makes "火星上有水吗" unrelated to a line about "水".
 */
final class MemoryIndex implements AutoCloseable {
    /** Histories shorter than this are scanned rather than indexed. */
    static final int SCAN_BELOW = 300;
    private static final String POSITION = "position";
    /** Relevance asks only which lines hold a term: no frequencies, positions or length norms to write. */
    private static final FieldType WORDS = new FieldType();

    static {
        WORDS.setTokenized(true);
        WORDS.setOmitNorms(true);
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.freeze();
    }

    /** A line of the indexed list, by position, with the share of the question it matches. */
    record Hit(int position, double relevance, double matchedWeight) {
    }

    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private MemoryIndex(DirectoryReader reader) {
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    static MemoryIndex of(List<String> texts, ChatAnalysis analysis) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analysis.indexing()).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int position = 0; position < texts.size(); position++) {
                String text = texts.get(position);
                Document line = new Document();
                line.add(new Field(ChatAnalysis.CHINESE_WORDS,
                        analysis.indexTokens(ChatAnalysis.CHINESE_WORDS, ChatAnalysis.chinesePart(text)), WORDS));
                line.add(new Field(ChatAnalysis.OTHER_WORDS,
                        analysis.indexTokens(ChatAnalysis.OTHER_WORDS, ChatAnalysis.otherPart(text)), WORDS));
                line.add(new NumericDocValuesField(POSITION, position));
                writer.addDocument(line);
            }
            writer.commit();
            return new MemoryIndex(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines matching any of the terms, most relevant first and, among equals, the latest first. */
    List<Hit> search(List<Term> terms, int limit) {
        if (terms.isEmpty() || reader.numDocs() == 0) {
            return List.of();
        }
        try {
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            double askedWeight = 0;
            for (Term term : terms) {
                float weight = idf(term);
                askedWeight += weight;
                query.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(term)), weight), BooleanClause.Occur.SHOULD);
            }
            Sort relevantThenLatest = new Sort(SortField.FIELD_SCORE, new SortField(POSITION, SortField.Type.LONG, true));
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc found : searcher.search(query.build(), limit, relevantThenLatest, true).scoreDocs) {
                int position = ((Long) ((FieldDoc) found).fields[1]).intValue();
                hits.add(new Hit(position, Math.min(1, found.score / askedWeight), found.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same hits as {@link #search} over an index of {@code texts}, computed from the lines' analyzed terms
     * without writing an index: below a few hundred lines, building a Lucene index costs more than reading
     * every line (the orchestrator scores questions over the last 50 messages, for every message).
     */
    static List<Hit> scan(List<String> texts, List<Term> terms, ChatAnalysis analysis, int limit) {
        if (terms.isEmpty() || texts.isEmpty()) {
            return List.of();
        }
        List<Set<Term>> lines = new ArrayList<>(texts.size());
        for (String text : texts) {
            lines.add(analysis.termsOf(text));
        }
        double askedWeight = 0;
        float[] weights = new float[terms.size()];
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            int using = 0;
            for (Set<Term> line : lines) {
                using += line.contains(term) ? 1 : 0;
            }
            weights[i] = (float) idf(texts.size(), using);
            askedWeight += weights[i];
        }
        List<Hit> hits = new ArrayList<>();
        for (int position = 0; position < lines.size(); position++) {
            float matched = 0;
            for (int i = 0; i < terms.size(); i++) {
                matched += lines.get(position).contains(terms.get(i)) ? weights[i] : 0;
            }
            if (matched > 0) {
                hits.add(new Hit(position, Math.min(1, matched / askedWeight), matched));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::matchedWeight).reversed()
                .thenComparing(Comparator.comparingInt(Hit::position).reversed()));
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    private float idf(Term term) throws IOException {
        return (float) idf(reader.numDocs(), reader.docFreq(term));
    }

    /** BM25's idf of a term {@code using} of {@code lines} lines hold: most for none, almost nothing for all. */
    static double idf(int lines, int using) {
        return Math.log(1 + (lines - using + 0.5) / (using + 0.5));
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
