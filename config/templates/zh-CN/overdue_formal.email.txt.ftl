<#include "_lib.ftli">
${dear}

逾期还款正式通知
通知编号：${notice.reference}

${relationship()}
截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">

请您于${date(notice.deadline)}前归还上述全部逾期款项。本通知的PDF版本已作为附件随本邮件发送。

一、还款方式
- 一次性还清：${payLink()}，或在“${lender.appName}”App中选择“我的借款 > 立即还款”；
- 银行转账：请在转账附言中注明借款编号及通知编号${notice.reference}；
- 分期偿还：请在${date(notice.deadline)}前与我们联系，我们将与您协商还款计划。
<#include "_schedule.ftli">
<#include "_history.ftli">

二、异议处理
如您认为上述金额有误，或您已经还款，请致电${lender.hotline}或发送邮件至${lender.email}，并提供通知编号${notice.reference}。我们将核实后答复您，核实期间暂停就有异议的款项向您发送提醒。

三、征信报送提示
我司向征信机构报送借款的还款信息。根据《征信业管理条例》第十五条，本通知即为事先告知：如您未能在${date(notice.deadline)}前还清上述逾期款项，我司可能报送本次逾期信息，该信息可能记入您的个人信用记录。

四、联系方式
客服热线：${lender.hotline}
电子邮箱：${lender.email}
官方网站：${lender.website}
投诉渠道：${lender.complaints}

如您已经还款，感谢您，请忽略本通知。

${lender.name}

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至${lender.email}告知我们，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以通过以下链接退订邮件提醒：${notice.unsubscribe}</#if>
