//! An order's way after payment (issue 16): made, shipped, delivered, and
//! the carriers popshop knows how to link a tracking number to.

use std::fmt;

/// Where a paid order's shirts are. Moves: waiting → in production →
/// shipped → delivered; side paths: shipped → returned, waiting or in
/// production → printer refused. Each move is one conditional update from
/// the state it expects (`Store::move_fulfilment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fulfilment {
    /// Paid, not yet sent to the printer.
    #[default]
    Waiting,
    InProduction,
    Shipped,
    Delivered,
    Returned,
    /// The printer could not make it (the reason is kept with the order).
    PrinterRefused,
}

impl Fulfilment {
    pub const ALL: [Fulfilment; 6] =
        [Self::Waiting, Self::InProduction, Self::Shipped, Self::Delivered, Self::Returned, Self::PrinterRefused];

    /// As stored (`orders.fulfilment`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "",
            Self::InProduction => "in_production",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Returned => "returned",
            Self::PrinterRefused => "printer_refused",
        }
    }

    /// For addresses and filters (`?state=in-production`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::InProduction => "in-production",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Returned => "returned",
            Self::PrinterRefused => "printer-refused",
        }
    }

    pub fn parse(stored: &str) -> Self {
        Self::ALL.into_iter().find(|f| f.as_str() == stored).unwrap_or(Self::Waiting)
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The shirts left the printer: a refund needs a return first.
    pub fn is_out(self) -> bool {
        matches!(self, Self::Shipped | Self::Delivered)
    }
}

/// A carrier popshop can link a tracking number to, or another one (whose
/// link the printer gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carrier {
    pub key: &'static str,
    pub name: &'static str,
    /// The tracking page, `{}` standing for the tracking number; empty for
    /// "other".
    url: &'static str,
}

impl Carrier {
    pub const ALL: [Carrier; 12] = [
        Carrier { key: "dhl", name: "DHL", url: "https://www.dhl.com/global-en/home/tracking.html?tracking-id={}" },
        Carrier {
            key: "deutsche-post",
            name: "Deutsche Post",
            url: "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={}",
        },
        Carrier { key: "ups", name: "UPS", url: "https://www.ups.com/track?tracknum={}" },
        Carrier { key: "usps", name: "USPS", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels={}" },
        Carrier { key: "fedex", name: "FedEx", url: "https://www.fedex.com/fedextrack/?trknbr={}" },
        Carrier {
            key: "royal-mail",
            name: "Royal Mail",
            url: "https://www.royalmail.com/track-your-item#/tracking-results/{}",
        },
        Carrier {
            key: "canada-post",
            name: "Canada Post",
            url: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={}",
        },
        Carrier {
            key: "australia-post",
            name: "Australia Post",
            url: "https://auspost.com.au/mypost/track/details/{}",
        },
        Carrier { key: "evri", name: "Evri (Hermes)", url: "https://www.evri.com/track/parcel/{}" },
        Carrier { key: "dpd", name: "DPD", url: "https://tracking.dpd.de/status/en_US/parcel/{}" },
        Carrier { key: "gls", name: "GLS", url: "https://gls-group.com/track/{}" },
        Carrier { key: "other", name: "Other", url: "" },
    ];

    /// By key, or by a name as a printer's CSV writes it ("DHL", "Royal
    /// Mail", "hermes", "Deutsche Post DHL"…), case and spacing aside.
    pub fn parse(input: &str) -> Option<Carrier> {
        let wanted: String = input.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        if wanted.is_empty() {
            return None;
        }
        let squash = |s: &str| s.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let alias = match wanted.as_str() {
            "hermes" | "myhermes" | "evrihermes" => "evri",
            "deutschepostdhl" | "dhlpaket" => "deutsche-post",
            "auspost" => "australia-post",
            "postescanada" => "canada-post",
            "unitedstatespostalservice" => "usps",
            _ => "",
        };
        Self::ALL.into_iter().find(|c| c.key == alias || squash(c.key) == wanted || squash(c.name) == wanted)
    }

    /// The tracking page of `number` (`None` for "other").
    pub fn tracking_url(self, number: &str) -> Option<String> {
        if self.url.is_empty() {
            return None;
        }
        let number: String = form_urlencoded::byte_serialize(number.as_bytes()).collect();
        Some(self.url.replace("{}", &number))
    }
}

impl fmt::Display for Carrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A tracking number as carriers write them: 4–40 letters, digits, dashes
/// or spaces (spaces dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub fn parse(input: &str) -> Option<Self> {
        let number: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let ok = (4..=40).contains(&number.len()) && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        ok.then_some(Self(number))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A tracking page address the printer gave: `https://` only.
pub fn tracking_url_of(input: &str) -> Option<String> {
    let input = input.trim();
    (input.starts_with("https://") && input.len() <= 500 && !input.contains(char::is_whitespace))
        .then(|| input.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriers_are_found_by_key_or_name_and_link_their_numbers() {
        assert_eq!(Carrier::parse("Royal Mail").unwrap().key, "royal-mail");
        assert_eq!(Carrier::parse("hermes").unwrap().key, "evri");
        assert_eq!(Carrier::parse(" DHL ").unwrap().key, "dhl");
        assert_eq!(Carrier::parse("pigeon"), None);
        let ups = Carrier::parse("ups").unwrap();
        assert_eq!(
            ups.tracking_url("1Z999AA10123456784").unwrap(),
            "https://www.ups.com/track?tracknum=1Z999AA10123456784"
        );
        assert_eq!(Carrier::parse("other").unwrap().tracking_url("X1234"), None);
    }

    #[test]
    fn tracking_numbers_and_links_are_checked() {
        assert_eq!(TrackingNumber::parse("1Z 999 AA1").unwrap().as_str(), "1Z999AA1");
        for bad in ["", "abc", "<script>", "a".repeat(41).as_str()] {
            assert!(TrackingNumber::parse(bad).is_none(), "{bad}");
        }
        assert!(tracking_url_of("https://track.example/1").is_some());
        assert!(tracking_url_of("javascript:alert(1)").is_none());
        for f in Fulfilment::ALL {
            assert_eq!(Fulfilment::parse(f.as_str()), f);
            assert_eq!(Fulfilment::from_key(f.key()), Some(f));
        }
    }
}

/// Who makes a drop's shirts, fixed at launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Printer {
    /// The artist's own printer, through the production queue.
    #[default]
    Own,
    /// Printful: each paid order is placed there after the cooling-off.
    Printful,
}

impl Printer {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "",
            Self::Printful => "printful",
        }
    }

    pub fn parse(stored: &str) -> Self {
        if stored == "printful" { Self::Printful } else { Self::Own }
    }
}
