"""govreport's economy extractor: Economy: output, growth, investment, consumption, public finance, trade, innovation.

All of it is data: ``indicators.tsv`` (the indicator table the core matcher links to the
figures of a report) and ``lexicon.txt`` (the terms of the economy attention index).
It registers under the ``govreport.extractors`` entry point exactly as a third-party plugin does.
"""
from govreport.extractors import TableExtractor

__version__ = "0.2.0"

extractor = TableExtractor.from_package(
    __name__, "indicators.tsv", name="economy", version=__version__, lexicon="lexicon.txt"
)
